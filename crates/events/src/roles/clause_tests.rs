//! Clause tests: whose act a predicate is when the sentence names people around it who did not do it (the
//! speaker of an inverted report, a perceiver, a possessor, the object of another verb) or frames it as
//! non-assertive ("no knowledge of any efforts to ..."). Markup as in `table_tests`; sentences written for
//! these tests.

use crate::table_tests::code;

/// Every `(markup, wanted, unwanted)` case: each wanted event is coded and no unwanted one is. An entry is a dyad
/// ("IRN>IRQ") or a dyad and its code ("IRN>IRQ 190").
fn expect(cases: &[(&str, &[&str], &[&str])]) {
    let mut failures = Vec::new();
    for (markup, wanted, unwanted) in cases {
        let got = code(markup);
        let has = |entry: &str| got.iter().any(|g| g == entry || g.starts_with(&format!("{entry} ")));
        let missing: Vec<&&str> = wanted.iter().filter(|w| !has(w)).collect();
        let extra: Vec<&&str> = unwanted.iter().filter(|u| has(u)).collect();
        if !missing.is_empty() || !extra.is_empty() {
            failures.push(format!("{markup}\n   got {got:?}, missing {missing:?}, unwanted {extra:?}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn the_speaker_after_an_inverted_report_verb_speaks_only_for_a_quote_in_their_own_voice() {
    expect(&[
        // The quote's subject is the speaker's "we" or "I": the speaker's own statement.
        ("\"We condemn [Iraq|IRQ] for the raid,\" said [Smith|USA|p].", &["USA>IRQ"], &[]),
        ("\"I strongly oppose [Iraq|IRQ] and its allies,\" said [Smith|USA|p].", &["USA>IRQ"], &[]),
        ("\"We condemn [Iraq|IRQ] for the raid,\" [Smith|USA|p] said.", &["USA>IRQ"], &[]),
        ("\"We will not negotiate with [Iraq|IRQ],\" [she|USA|p] told reporters.", &["USA>IRQ"], &[]),
        // Someone else's or an unnamed party's act, which the speaker only reports.
        ("\"They condemned [Iraq|IRQ] for the raid,\" said [Smith|USA|p].", &[], &["USA>IRQ"]),
        ("\"The militia accused [Iran|IRN] of lying,\" said [Smith|USA|p].", &[], &["USA>IRN"]),
        ("\"The envoys criticised [Iran|IRN],\" [Smith|USA|p] said.", &[], &["USA>IRN"]),
        ("\"Rebels attacked [Iraq|IRQ] at dawn,\" said [Smith|USA|p].", &[], &["USA>IRQ"]),
        // A named subject in the quote stays its source.
        ("\"[Iran|IRN] has threatened [Iraq|IRQ],\" said [Smith|USA|p].", &["IRN>IRQ"], &["USA>IRQ"]),
    ]);
}

#[test]
fn a_predicate_in_a_non_assertive_noun_phrase_is_nobody_s_act() {
    expect(&[
        (
            "[Smith|USA|p] said [he|USA|p] had no knowledge of any efforts to urge [Iraq|IRQ] to arrest [Jones|GBR|p].",
            &[],
            &["USA>IRQ", "IRQ>GBR", "USA>GBR"],
        ),
        ("[Smith|USA|p] said [he|USA|p] was unaware of the investigation into [Jones|GBR|p].", &[], &["USA>GBR"]),
        ("[Iran|IRN] denied any role in the attack on [Iraq|IRQ].", &[], &["IRN>IRQ 190"]),
        ("[Iran|IRN] said no talks with [Iraq|IRQ] were planned.", &[], &["IRN>IRQ"]),
        ("[Iran|IRN] left without meeting [Iraq|IRQ].", &[], &["IRN>IRQ"]),
        // Plural irrealis nouns: "efforts to", "calls to" ask for or attempt the act.
        ("[Iran|IRN] backed the calls to expel [Iraq|IRQ].", &[], &["IRN>IRQ 166"]),
        // An asserted act with the same words stays.
        ("[Iran|IRN] held talks with [Iraq|IRQ].", &["IRN>IRQ"], &[]),
        ("[Iran|IRN] launched an investigation into [Iraq|IRQ].", &["IRN>IRQ"], &[]),
        ("[Iran|IRN] made efforts to meet [Iraq|IRQ] and attacked [Kuwait|KWT].", &["IRN>KWT"], &[]),
    ]);
    // The non-assertive word must open the predicate's own noun phrase: a finite verb in between ends it.
    let got = code("[Iran|IRN] rejected any delay and attacked [Iraq|IRQ].");
    assert!(got.iter().any(|e| e.starts_with("IRN>IRQ 19")), "{got:?}");
}

#[test]
fn an_event_noun_that_a_verb_of_perception_or_judgement_takes_is_not_the_subject_s_act() {
    expect(&[
        ("[Smith|USA|p] saw the investigation into [Jones|GBR|p] as a mistake.", &[], &["USA>GBR"]),
        ("[Iran|IRN] described the attack on [Iraq|IRQ] as cowardly.", &[], &["IRN>IRQ"]),
        ("[Smith|USA|p] regarded the talks with [Iran|IRN] as useful.", &[], &["USA>IRN"]),
        // The verb's own event stays; the event noun is not coded for the subject.
        ("[Iran|IRN] condemned the raid on [Iraq|IRQ].", &["IRN>IRQ 111"], &["IRN>IRQ 190"]),
        ("[Iran|IRN] condemned [Iraq|IRQ] for the raid.", &["IRN>IRQ 111"], &[]),
        // Verbs that conduct the act keep the subject as its agent.
        ("[Iran|IRN] opened an investigation into [Iraq|IRQ].", &["IRN>IRQ"], &[]),
        ("[Iran|IRN] began talks with [Iraq|IRQ].", &["IRN>IRQ"], &[]),
    ]);
}

#[test]
fn a_possessive_pronoun_opening_the_subject_is_not_the_actor() {
    expect(&[
        ("[His|USA|p] lawyers accused [Iraq|IRQ] of fraud.", &[], &["USA>IRQ"]),
        ("[Her|USA|p] aides met [Iran|IRN] officials.", &[], &["USA>IRN"]),
        ("[His|USA|p] friends criticised the visit to [Iraq|IRQ].", &[], &["USA>IRQ"]),
        // A noun for the possessor's own side acts for the possessor.
        ("[Smith|LBN|p] said [his|LBN|p] country will develop relations with [Iraq|IRQ].", &["LBN>IRQ"], &[]),
        ("[Her|USA|p] government condemned [Iraq|IRQ].", &["USA>IRQ"], &[]),
        // The pronoun right before an event noun is that noun's agent.
        ("[His|USA|p] visit to [Iraq|IRQ] ended.", &["USA>IRQ"], &[]),
        // A named subject after the pronoun's phrase is still found in a later clause.
        ("[His|USA|p] aides said [Iran|IRN] attacked [Iraq|IRQ].", &["IRN>IRQ"], &["USA>IRQ"]),
        // An object pronoun is not touched.
        ("[Iran|IRN] praised [her|USA|p].", &["IRN>USA"], &[]),
    ]);
}

#[test]
fn the_object_of_a_clause_verb_is_not_the_agent_of_a_later_event_noun() {
    expect(&[
        (
            "Senators questioned [Smith|USA|p], an envoy to [Jordan|JOR], about the meeting with [Ali|IRQ|p].",
            &[],
            &["USA>IRQ", "USA>JOR"],
        ),
        (
            "Lawmakers grilled [Smith|USA|p], a diplomat, and [Brown|GBR|p], an aide, on [Jones|CAN|p]'s {May 3} phone call with [Ali|IRQ|p].",
            &["CAN>IRQ"],
            &["USA>IRQ", "GBR>IRQ"],
        ),
        // The subject of the clause is still the agent of its event noun.
        ("[Smith|USA|p], an envoy to [Jordan|JOR], held a meeting with [Ali|IRQ|p].", &["USA>IRQ"], &["USA>JOR"]),
        ("[Iran|IRN] has made a visit to [Iraq|IRQ].", &["IRN>IRQ"], &[]),
    ]);
}

#[test]
fn an_event_noun_in_the_for_phrase_of_a_common_noun_is_a_purpose_not_an_act() {
    expect(&[
        ("[Smith|USA|p] spoke after a vote approving rules for an inquiry into [Jones|GBR|p].", &[], &["USA>GBR"]),
        ("[Iran|IRN] announced a plan for talks with [Iraq|IRQ].", &[], &["IRN>IRQ 040"]),
        // The holder's own act, and an event noun that is the clause's object, stay.
        ("[Hamas|HMS|g] claimed responsibility for the attack on [Israel|ISR].", &["HMS>ISR 190"], &[]),
        ("[Iran|IRN] opened talks with [Iraq|IRQ] for the first time.", &["IRN>IRQ"], &[]),
    ]);
}

#[test]
fn a_trade_verb_s_plural_before_of_is_a_noun() {
    // "imports of X from Y" reports trade figures (a noun phrase), not an act of importing by the modifier.
    expect(&[
        ("[US|USA] imports of steel from [China|CHN] fell sharply.", &[], &["USA>CHN"]),
        ("[Japan|JPN] exports of cars to [Iran|IRN] rose.", &[], &["JPN>IRN"]),
    ]);
}
