//! Role tests: who is the source and who the target, on sentences written for each clause structure the role
//! rules read (markup as in `table_tests`: `[surface|ID|kind]`, `{time}`). Each group names the fact of English
//! clause structure or of the CAMEO coding conventions it exercises; the expected events are compared as a set.

use crate::table_tests::{check, code};

/// Only the source and target of each event, for cases where the code is not what is being tested.
fn dyads(markup: &str) -> Vec<String> {
    code(markup).into_iter().map(|e| e.split(' ').next().unwrap_or("").to_string()).collect()
}

#[test]
fn non_restrictive_relative_clause_in_the_present_or_perfect_is_coded_for_its_antecedent() {
    let cases: [(&str, &str); 4] = [
        ("[Sharon|ISR|p], who has vowed to attack [Syria|SYR], met [Blair|GBR|p] {on Monday}.", "ISR>SYR"),
        ("[Venezuela|VEN], which has accused [Colombia|COL] of harbouring rebels, closed its border.", "VEN>COL"),
        ("[Kim|PRK|p], who has threatened [Japan|JPN], visited [Russia|RUS] {on Friday}.", "PRK>JPN"),
        ("[The rebels|REB|g], who are fighting [the Malian army|MLI|o], seized [Timbuktu|MLIT|l] {Sunday}.", "REB>MLI"),
    ];
    for (markup, dyad) in cases {
        let got = dyads(markup);
        assert!(got.iter().any(|d| d == dyad), "{markup}: want {dyad} among {got:?}");
    }
}

#[test]
fn non_restrictive_relative_clause_in_the_simple_past_stays_background() {
    // A simple past in an aside recalls the antecedent's history, not the news.
    let got = dyads("[Egypt|EGY], which fought [Israel|ISR] in 1973, met [Jordan|JOR] {on Monday}.");
    assert!(!got.iter().any(|d| d == "EGY>ISR"), "{got:?}");
    assert!(got.iter().any(|d| d == "EGY>JOR"), "{got:?}");
}

#[test]
fn reduced_passive_relative_gives_the_by_agent_as_source() {
    check(&[
        (
            "[Syrian troops|SYR|g] backed by [Russian aircraft|RUS|g] attacked [Turkey|TUR].",
            &["RUS>SYR 051", "SYR>TUR 190"],
        ),
        ("[Rebels|REB|g], supported by [Sudan|SDN], attacked [Uganda|UGA].", &["REB>UGA 190", "SDN>REB 051"]),
        // The full passive keeps working: the agent after "by" acts on the subject.
        ("[Iraq|IRQ] was attacked by [Iran|IRN].", &["IRN>IRQ 190"]),
    ]);
}

#[test]
fn directive_targets_its_object_and_the_requested_act_is_not_coded() {
    // "X urged Y to V": the appeal or demand is X's, aimed at Y (the one urged), whatever V is.
    let cases: [(&str, &str); 4] = [
        ("[Pakistan|PAK] urged [India|IND] to withdraw its troops from [Kashmir|KAS].", "PAK>IND"),
        ("[France|FRA] called on [Mali|MLI] to expel [the German ambassador|DEU|p].", "FRA>MLI"),
        ("[China|CHN] asked [Japan|JPN] to apologise.", "CHN>JPN"),
        ("[The UN|IGO|o] urged [Israel|ISR] and [Hamas|HMS|g] to hold talks.", "IGO>HMS"),
    ];
    for (markup, directive) in cases {
        let got = dyads(markup);
        assert!(got.iter().any(|d| d == directive), "{markup}: want {directive} among {got:?}");
    }
    // CAMEO codes such a sentence on its main verb: the requested act is the one urged's and has not happened,
    // so it is coded for no one (the GSR's dev sentence 56 codes it for the urging party; that one sentence is
    // given up for the many real-page requests and wishes that would otherwise become acts of the asker).
    let got = dyads("[The Arab League|IGO|o] urged [the EU|EUR|o] to support [the PLO|PSE|o].");
    assert!(got.iter().any(|d| d == "IGO>EUR") && !got.iter().any(|d| d == "IGO>PSE" || d == "EUR>PSE"), "{got:?}");
}

#[test]
fn gerund_after_the_object_of_an_accusation_takes_the_accused_as_subject() {
    let cases: [(&str, &str, &str); 3] = [
        ("[Iran|IRN] accused [the United States|USA] of supporting [Kurdish rebels|KRD|g].", "IRN>USA", "USA>KRD"),
        ("[Israel|ISR] blamed [Syria|SYR] for attacking [Lebanon|LBN].", "ISR>SYR", "SYR>LBN"),
        ("[Serbia|SRB] accused [Croatia|HRV] of expelling [Serbian|SRBC|g] civilians.", "SRB>HRV", "HRV>SRBC"),
    ];
    for (markup, accusation, alleged) in cases {
        let got = dyads(markup);
        assert!(got.iter().any(|d| d == accusation), "{markup}: want {accusation} among {got:?}");
        let accuser = accusation.split('>').next().unwrap_or("");
        let wrong = format!("{accuser}>{}", alleged.split('>').nth(1).unwrap_or(""));
        assert!(!got.contains(&wrong), "{markup}: the accuser took the alleged act in {got:?}");
        assert!(got.iter().any(|d| d == alleged), "{markup}: want {alleged} among {got:?}");
    }
}

#[test]
fn infinitive_of_the_subject_own_intent_is_still_coded() {
    // "agreed to", "vowed to": the subject's own action (an intent), not one asked of another.
    let got = dyads("[Russia|RUS] agreed to withdraw troops from [Georgia|GEO].");
    assert!(got.iter().any(|d| d == "RUS>GEO"), "{got:?}");
    let got = dyads("[Iran|IRN] threatened to attack [Israel|ISR].");
    assert!(got.iter().any(|d| d == "IRN>ISR"), "{got:?}");
}

#[test]
fn reaction_to_a_nominalised_act_targets_its_by_agent() {
    let cases: [(&str, &str); 4] = [
        (
            "[The Chinese embassy|CHN|o] protested the arrest of [Chinese|CHNF|g] fishermen by [the Philippine navy|PHL|o].",
            "CHN>PHL",
        ),
        ("[Russia|RUS] condemned the detention of [a Russian diplomat|RUSD|p] by [Ukraine|UKR].", "RUS>UKR"),
        ("[Japan|JPN] criticised the killing of [Japanese|JPNC|g] tourists by [Egyptian|EGY|g] militants.", "JPN>EGY"),
        ("[Greece|GRC] denounced the detention of [Greek|GRCS|g] sailors by [Turkey|TUR] and [Libya|LBY].", "GRC>TUR"),
    ];
    for (markup, dyad) in cases {
        let got = dyads(markup);
        assert!(got.iter().any(|d| d == dyad), "{markup}: want {dyad} among {got:?}");
        let patient = markup.split('|').nth(3).unwrap_or("");
        assert!(!got.iter().any(|d| d.ends_with(patient)), "{markup}: patient {patient} taken as target in {got:?}");
    }
    // Without a "by" phrase the patient stays the target.
    let got = dyads("[Russia|RUS] condemned the detention of [a Ukrainian diplomat|UKR|p].");
    assert_eq!(got, vec!["RUS>UKR".to_string()]);
}

#[test]
fn group_placed_by_a_country_after_the_predicate_is_that_country() {
    let cases: [(&str, &str); 3] = [
        ("[Serbia|SRB] demanded a truce with Moslem forces in [Bosnia|BIH].", "SRB>BIH"),
        ("[Sudan|SDN] signed a ceasefire with rebels in [Chad|TCD].", "SDN>TCD"),
        ("[Russia|RUS] sent weapons to militants in eastern [Ukraine|UKR].", "RUS>UKR"),
    ];
    for (markup, dyad) in cases {
        let got = dyads(markup);
        assert!(got.iter().any(|d| d == dyad), "{markup}: want {dyad} among {got:?}");
    }
    let got = dyads("[Libya|LBY] signed a truce with rebels in [Sudan|SDN] and [Chad|TCD].");
    assert!(got.contains(&"LBY>SDN".to_string()) && got.contains(&"LBY>TCD".to_string()), "{got:?}");
    // The source's own side placed so is the object still: a later actor in another phrase is no target.
    let got =
        dyads("[Serbia|SRB] demanded a truce with Moslem forces in [Serbia|SRB] before allowing [UN|IGO|o] convoys.");
    assert!(!got.iter().any(|d| d == "SRB>IGO"), "{got:?}");
    // Where a meeting happens names no party: the partner stays the target (in a third state, CAMEO's 044).
    check(&[("[China|CHN] held talks with [Japan|JPN] in [Geneva|CHE|l].", &["CHN>JPN 044 s"])]);
}

#[test]
fn victims_of_an_attack_with_no_agent_are_its_target() {
    let cases: [(&str, &str); 3] = [
        ("Two [Iraqi soldiers|IRQMIL|g] were killed in a bombing in [Baghdad|IRQ|l] {on Monday}.", "IRQ>IRQMIL"),
        ("[Three Americans|USA|g] were killed in [Iraq|IRQ] {last week}.", "IRQ>USA"),
        ("[Two Afghan policemen|AFGCOP|g] were wounded in [Kandahar|AFG|l].", "AFG>AFGCOP"),
    ];
    for (markup, dyad) in cases {
        let got = dyads(markup);
        assert!(got.iter().any(|d| d == dyad), "{markup}: want {dyad} among {got:?}");
    }
    // A named agent stays the source.
    let got = dyads("[Three Americans|USA|g] were killed by [Iraqi insurgents|IRQ|g].");
    assert_eq!(got, vec!["IRQ>USA".to_string()]);
}

#[test]
fn coordinated_verbs_share_their_subject_and_object() {
    check(&[
        (
            "[Turkish police|TUR|o] arrested and deported two [German|DEU|g] journalists.",
            &["TUR>DEU 173", "TUR>DEU 174"],
        ),
        (
            "[Israeli warplanes|ISR|g] bombed [Gaza|PSE] and killed four [Palestinians|PSEC|g].",
            &["ISR>PSE 195", "ISR>PSEC 1823"],
        ),
    ]);
}

#[test]
fn reported_clause_keeps_its_own_subject() {
    let cases: [(&str, &str); 3] = [
        ("[Thai military sources|THAM|o] said [Cambodian troops|KHM|g] shelled [Thailand|THA].", "KHM>THA"),
        ("[India|IND] said [Pakistani troops|PAK|g] had attacked [Indian|INDP|g] posts.", "PAK>INDP"),
        ("[Israel|ISR] said [Hamas|HMS|g] fired rockets at [Sderot|ISRS|l].", "HMS>ISRS"),
    ];
    for (markup, dyad) in cases {
        let got = dyads(markup);
        assert!(got.iter().any(|d| d == dyad), "{markup}: want {dyad} among {got:?}");
        let speaker = markup.split('|').nth(1).unwrap_or("");
        assert!(!got.iter().any(|d| d.starts_with(speaker)), "{markup}: speaker coded as actor in {got:?}");
    }
}

#[test]
fn an_actor_in_a_by_phrase_is_no_subject_of_the_verb_after_it() {
    // The agentive "by" opens no clause: "backed by Iran attacked" keeps Iran inside the agent phrase of the
    // subject's modifier.
    let got = dyads("Militias backed by [Iran|IRN] attacked [US forces|USA|g] {on Monday}.");
    assert!(!got.iter().any(|d| d == "IRN>USA"), "{got:?}");
    // An allegiance still names the side ("loyal to X" as "from X"), and a subordinator still opens a clause.
    let got = dyads("Troops loyal to [President Gbagbo|CIV|p] attacked [French peacekeepers|FRA|g].");
    assert!(got.iter().any(|d| d == "CIV>FRA"), "{got:?}");
    // (With no main act to code: beside one, an act in a time clause is the setting and is not coded.)
    let got = dyads("[Cuba|CUB] was silent a day after [Kim|PRK|p] attacked [Laos|LAO].");
    assert!(got.iter().any(|d| d == "PRK>LAO") && !got.iter().any(|d| d == "CUB>LAO"), "{got:?}");
}

#[test]
fn a_preposition_before_a_possessor_governs_the_whole_phrase() {
    // "loyal to Iraq's Al-Qaeda leader": Al-Qaeda sits inside the "to" phrase, so it is no bare subject; the
    // allegiance names the side.
    let got = dyads("Militants loyal to [Iraq|IRQ]'s [Al-Qaeda|IMG|g] leader attacked [US troops|USA|g] {on Monday}.");
    assert!(got.iter().any(|d| d == "IRQ>USA") && !got.iter().any(|d| d == "IMG>USA"), "{got:?}");
    // A possessor at the start of the clause still lets its possessed subject act.
    let got = dyads("[Russia|RUS]'s [Putin|RUSP|p] met [Japan|JPN]'s [Abe|JPNP|p] {on Monday}.");
    assert!(got.iter().any(|d| d.starts_with("RUS") && d.contains(">JPN")), "{got:?}");
}

#[test]
fn reduced_passive_after_a_non_party_noun_belongs_to_its_own_clause() {
    // "a zone agreed by X and Y": the participle is not the subject's verb; its agents are the parties of the
    // agreement, and the predicate whose object the noun is does not reach them.
    let cases: [(&str, &[&str], &[&str]); 6] = [
        (
            "[Rebels|REB|g] withdrew from a buffer zone agreed by [Egypt|EGY] and [Israel|ISR] {in 2015}.",
            &["EGY>ISR", "REB>-"],
            &["REB>EGY", "REB>ISR"],
        ),
        (
            "[Kenya|KEN] sent troops to a zone agreed by [Ethiopia|ETH] and [Somalia|SOM].",
            &["ETH>SOM"],
            &["KEN>ETH", "KEN>SOM"],
        ),
        // A time or a manner after "by" leaves the active reading.
        ("[Ghana|GHA] agreed by a wide margin to help [Togo|TGO].", &["GHA>TGO"], &["TGO>GHA"]),
        // An attack or a meeting still aims at whoever holds or sent the thing.
        ("[Kenya|KEN] shelled positions held by [Somali militants|SOM|g].", &["KEN>SOM"], &[]),
        ("[Kenya|KEN] met envoys sent by [Ethiopia|ETH].", &["KEN>ETH"], &[]),
        ("[Kenya|KEN] opened an inquiry into killings committed by [Somali militants|SOM|g].", &["KEN>SOM"], &[]),
    ];
    for (markup, want, never) in cases {
        let got = dyads(markup);
        for w in want {
            assert!(got.iter().any(|d| d == w), "{markup}: want {w} among {got:?}");
        }
        for n in never {
            assert!(!got.iter().any(|d| d == n), "{markup}: {n} in {got:?}");
        }
    }
}

#[test]
fn a_demand_is_made_as_what_must_happen() {
    check(&[
        // "told X that Y must": the addressee stands between the report verb and what was said.
        ("[Germany|DEU] told [Greek officials|GRC|g] that [Greece|GRC] must cut its spending.", &["DEU>GRC 100 r"]),
        // What was said first, its report verb after a comma, the speaker before or after the verb.
        ("\"[Iran|IRN] must free the sailors,\" [the United States|USA] said.", &["USA>IRN 1053 r"]),
        ("[Mali|MLI] should hold elections, said [the French government|FRA|g].", &["FRA>MLI 100 r"]),
        // "insisted that X agree": a mandative clause, with a bare verb, is a demand of its subject.
        ("[India|IND] insisted that [Pakistan|PAK] hand over the suspects.", &["IND>PAK 1013"]),
    ]);
    // With no report verb after it, an obligation is no one's demand.
    assert!(code("[Mali|MLI] should hold elections, and [France|FRA] agrees.").iter().all(|e| !e.contains(" 100")));
    // "insisted that X had ...": a finite clause is a claim, not a demand.
    let coded = code("[Russia|RUS] insisted that [Ukraine|UKR] had violated the truce.");
    assert!(coded.iter().all(|e| !e.ends_with(" 100")), "{coded:?}");
}

#[test]
fn a_coordinated_passive_participle_shares_the_agent_and_subject() {
    // The second participle leaves out its auxiliary: the first passive's "by" agent and subject are its own.
    check(&[(
        "Two [Russian journalists|RUS|g] were stopped by [Georgian police|GEO|o] and promptly taken into custody {on Monday}.",
        &["GEO>RUS 173"],
    )]);
}

#[test]
fn killed_in_clashes_with_a_side_names_the_agent() {
    // A passive with no "by": the other side of the fighting is the agent, the victims the target.
    let coded = code("Three [Palestinians|PSE|g] were killed in clashes with [Israeli troops|ISR|g] {on Friday}.");
    assert!(coded.iter().any(|e| e.starts_with("ISR>PSE 19")), "{coded:?}");
}

#[test]
fn need_to_is_an_obligation() {
    // "needed to" in reported speech is the speaker's demand, as "must" is.
    let coded = code("[China|CHN] said [Japan|JPN] needed to apologize for the incursion.");
    assert!(coded.iter().any(|e| e.starts_with("CHN>JPN 10")), "{coded:?}");
}

#[test]
fn told_with_a_long_addressee_still_reports_what_follows_that() {
    // The addressee's relative clause stands between "told" and "that".
    let coded = code(
        "[The Kenyan teachers union|KEN|o] told thousands of teachers who gathered in the capital that [the Kenyan government|KENG|g] must raise salaries.",
    );
    assert!(coded.iter().any(|e| e.starts_with("KEN>KENG 100")), "{coded:?}");
}

#[test]
fn a_directive_to_a_party_is_a_demand() {
    // "told X to", "required X to": the "to" right after the party addressed.
    check(&[("[Turkey|TUR] told [Greece|GRC] to free the sailors.", &["TUR>GRC 1053"])]);
    // A report with "to" further on is no directive.
    let coded = code("[Turkey|TUR] told [Greek reporters|GRC|g] that it would go to [Cyprus|CYP].");
    assert!(coded.iter().all(|e| !e.contains(" 100")), "{coded:?}");
}

#[test]
fn forcible_removal_and_a_far_passive_agent() {
    // "dragged out by police": a removal by force in the passive; the agent may stand past phrases of place.
    check(&[(
        "The [Australian activist|AUS|g] was dragged out of the embassy in [London|GBRL|l] by [British police|GBR|o].",
        &["GBR>AUS 173"],
    )]);
    // "dragged out the talks" prolongs them.
    assert!(code("[Russia|RUS] dragged out the talks with [Ukraine|UKR] for months.").is_empty());
}

#[test]
fn the_by_agent_of_a_decision_noun_is_the_source_of_its_infinitive() {
    // "the decision by X to V" as "X's decision to V"; a noun of intent or request is left to its cues.
    let cases: [(&str, &str); 2] = [
        ("The decision by [Canada|CAN] to expel two [Indian|IND|g] diplomats angered [New Delhi|IND].", "CAN>IND"),
        ("A move by [Norway|NOR] to grant asylum to a [Russian|RUS|g] defector angered [Moscow|RUS].", "NOR>RUS"),
    ];
    for (markup, dyad) in cases {
        let got = dyads(markup);
        assert!(got.iter().any(|d| d == dyad), "{markup}: want {dyad} among {got:?}");
    }
    let got = dyads("Calls by [Iran|IRN] to boycott [Israel|ISR] grew louder.");
    assert!(!got.iter().any(|d| d == "IRN>ISR"), "{got:?}");
}
