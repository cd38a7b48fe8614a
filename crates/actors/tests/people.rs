//! People no dictionary knows and the people pronouns point at (data/person_cues.tsv). Sentences and names are
//! made up for these tests. Each row is one document read by a fresh registry.
//!
//! Checks: `X@` some mention with text X is a person with no country; `!X@` no person mention has text X; `X=CODE`
//! some mention with text X has code CODE; `X==Y` / `X!=Y` the first mentions with texts X and Y are the same /
//! different actors; `X#n` is the n-th mention (1-based) with text X, e.g. `he#2==Jan Smit`; `X->none` no mention
//! with text X (a pronoun left unresolved).

use dyad_actors::Registry;

mod rules;

const ROWS: &[(&str, &[&str])] = &[
    // A subject pronoun after a sentence that reported on someone continues with that someone, unless it speaks.
    ("Pieter Hollander said Mr. Marsh had opposed the plan. In 2011, he rejected a similar plan.", &["he==Marsh"]),
    ("Pieter Hollander said Mr. Marsh had opposed the plan. He added that it was dead.", &["He==Pieter Hollander"]),
    ("Pieter Hollander told Mr. Marsh the plan was dead. He then left.", &["He==Pieter Hollander"]),
    // A state office with no state named takes the one state the document is mostly about; a bare name, or a
    // document about several states, leaves it without one.
    (
        "Kenya raised fuel taxes. Kenyan farmers protested in Nairobi. Judge Ivo Marsh blocked the tax. Marsh said so.",
        &["Judge Ivo Marsh=KENJUD", "Marsh=KENJUD"],
    ),
    (
        "Kenya raised fuel taxes. Kenyan farmers protested in Nairobi. Ivo Marsh said the tax was unfair.",
        &["Ivo Marsh@"],
    ),
    (
        "Kenya and Uganda signed a deal. Ugandan and Kenyan officials met in Kampala and Nairobi. Judge Ivo Marsh left.",
        &["Judge Ivo Marsh=---JUD"],
    ),
    // Apposition with a role (a modifier such as "former" may stand before the role word).
    (
        "Marta Olsen, the former special envoy to Sudan, arrived on Tuesday. Olsen said talks would resume.",
        &["Marta Olsen@", "Olsen==Marta Olsen", "!Sudan@"],
    ),
    ("Marta Olsen, former special envoy to Sudan, arrived.", &["Marta Olsen@"]),
    (
        "Ivo Marsh, a former Harbour Safety Board official, and Marta Olsen, the envoy, testified. Marsh said he agreed.",
        &["Ivo Marsh@", "Marsh==Ivo Marsh", "he==Ivo Marsh", "Marta Olsen@"],
    ),
    ("Marta Olsen, a retired Norwegian diplomat, arrived.", &["Marta Olsen=NORGOV"]),
    // Subject of a speech verb, before or after it: only a full name.
    ("Pieter Hollander said the deal was dead.", &["Pieter Hollander@"]),
    ("Pieter Hollander later told reporters the deal was dead.", &["Pieter Hollander@"]),
    ("\"The deal is dead,\" said Pieter Hollander.", &["Pieter Hollander@"]),
    ("\"The deal is dead,\" said Pieter Hollander in a statement.", &["Pieter Hollander@"]),
    ("Pieter Hollander said so. Hollander added that it was over.", &["Hollander==Pieter Hollander"]),
    // After an honorific, even a surname alone; the honorific is not part of the name.
    ("Mr. Hollander left early.", &["Hollander@", "!Mr. Hollander@"]),
    ("Mrs Okafor thanked the crowd.", &["Okafor@"]),
    ("Sen Amy Thornbury voted against the bill.", &["Amy Thornbury@", "!Sen Amy Thornbury@"]),
    ("Dr. Okafor and Prof. Lindqvist signed the letter.", &["Okafor@", "Lindqvist@"]),
    ("Pieter Hollander said so. Mr. Hollander then left.", &["Hollander==Pieter Hollander"]),
    // No person without a cue, and none from outlets, places, days, months or organisations.
    ("Reuters said the talks failed.", &["!Reuters@"]),
    ("Monday said to be the day of the vote.", &["!Monday@"]),
    ("Washington said the sanctions would stay.", &["!Washington@", "Washington=USAGOV"]),
    ("Politico said the aid had been paused.", &["!Politico@"]),
    ("Officials said the vote was delayed.", &["!Officials@"]),
    ("Norsk Hydro said its plants were safe.", &["Norsk Hydro@"]),
    ("Goldfield Industries said profits fell.", &["!Goldfield Industries@"]),
    ("Human Rights Watch said the trial was unfair.", &["!Human Rights Watch@"]),
    ("The Budget Committee said the bill was costly.", &["!Budget Committee@"]),
    ("In October Lindqvist met the press.", &["!Lindqvist@", "!October@"]),
    ("Pieter Hollander met Lindqvist on Friday.", &["!Pieter Hollander@", "!Lindqvist@"]),
    ("Gen Z voters said they were tired.", &["!Z@"]),
    ("Lt. Gen. Ivo Marsh resigned on Monday.", &["Ivo Marsh@", "!Gen@"]),
    // A name after a common noun is in apposition inside a longer subject: not taken for the speaker.
    ("Fighters loyal to the clan's chieftain Ivo Marsh said they held the pass.", &["!Ivo Marsh@"]),
    ("Ivo Marsh's lawyer said the charges were false.", &["!Ivo Marsh@"]),
    ("Ada Lund, head of Polar Drones, said her company was small.", &["!Polar Drones@", "her==Ada Lund"]),
    ("We’ve asked him to comment. They're told nothing.", &["!We’ve@", "!They're@"]),
    ("I tried the Zentro MX Glide mouse.", &["!Glide@"]),
    ("The talks ended and Ivo Marsh said the deal was dead.", &["Ivo Marsh@"]),
    ("Lt Col Ivo Marsh testified on Monday.", &["Ivo Marsh@", "!Col Ivo Marsh@"]),
    ("Rep. Ivo MarshIvo MarshHill Daily said so.", &["!Ivo MarshIvo MarshHill Daily@"]),
    ("Ivo McKinnon said so.", &["Ivo McKinnon@"]),
    ("LEADER PLEDGES SUPPORT, SAYS ANNA BERG", &["!ANNA BERG@"]),
    ("Leader Pledges Support, Anna Berg Said", &["!Anna Berg@"]),
    // Pronouns: the subject of the speech verb before the pronoun wins over a person named in between.
    (
        "Pieter Hollander said that he doubts Putin and the reforms that he calls cosmetic.",
        &["he#1==Pieter Hollander", "he#2==Pieter Hollander"],
    ),
    ("Anna Berg, the former envoy to Chile, said she regretted the vote.", &["she==Anna Berg"]),
    ("Pieter Hollander said Putin told him nothing.", &["him==Pieter Hollander"]),
    // A possessive stays with the last person named before it.
    ("Pieter Hollander said Putin and his ministers had lied.", &["his==Putin"]),
    // "he said X": the pronoun comes before the verb, so it is the previous sentence's person.
    ("Mr. Dahl spoke first. Then he said Putin had left.", &["he==Dahl"]),
    // Without a speech verb, the last person named before the pronoun.
    ("Pieter Hollander said so. Putin arrived and he spoke.", &["he==Putin"]),
    // An honorific's gender skips a person of the other gender.
    ("Mrs. Okafor met Mr. Dahl, and she said the talks went well.", &["she==Okafor"]),
    ("Mr. Dahl met Mrs. Okafor, and he said the talks went well.", &["he==Dahl"]),
    ("Mrs. Okafor met Putin. He thanked her.", &["He==Putin", "her==Okafor"]),
    ("Mrs. Okafor spoke. He left.", &["He->none"]),
    // A listed leader takes the gender of an honorific too; "Dr." gives none.
    ("Mrs. Okafor met Mr. Putin, and she said the talks went well.", &["she==Okafor"]),
    ("Mrs. Okafor met Dr. Lindqvist, and she said the talks went well.", &["she==Lindqvist"]),
];

#[test]
fn people_and_pronouns() {
    let failures = rules::failures(ROWS);
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

/// A person learned from a cue is remembered across documents by full name, and keeps no invented country.
#[test]
fn learned_people_persist_without_a_country() {
    let mut reg = Registry::new();
    reg.resolve_text("Pieter Hollander said the deal was dead.", None);
    let people = reg.people();
    assert_eq!(people.len(), 1);
    assert_eq!((people[0].name.as_str(), people[0].country.as_deref()), ("Pieter Hollander", None));
    let ms = reg.resolve_text("Pieter Hollander arrived in Oslo.", None);
    let m = ms.iter().find(|m| m.text == "Pieter Hollander").expect("known by full name");
    assert_eq!(m.actor, reg.people()[0].id);
}
