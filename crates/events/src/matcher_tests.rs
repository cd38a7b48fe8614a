//! Structural limits of the matcher, one group per rule, on sentences written for each rule (markup as in
//! `table_tests`: `[surface|ID|kind]`, `{time}`; expected events `SRC>TGT CODE flags`, compared as a set).

use crate::table_tests::{code, parse};
use crate::{MatchKind, code_sentence, find_matches};
use dyad_core::Span;

fn check(cases: &[(&str, &[&str])]) {
    let mut failures = Vec::new();
    for (markup, expected) in cases {
        let got = code(markup);
        let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        want.sort();
        if got != want {
            failures.push(format!("{markup}\n   want {want:?}\n    got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

fn matches(text: &str) -> Vec<crate::Match> {
    let tokens = dyad_text::tokenize(text, Span::new(text, 0, text.len()).unwrap());
    find_matches(&tokens).1
}

#[test]
fn an_allegation_verb_is_the_event_and_its_complement_only_alleged() {
    check(&[
        // The accusation is coded, aimed at the accused; the charge is flagged reported (r), by the accused.
        ("[Serbia|SRB] accused [Croatia|HRV] of violating the ceasefire.", &["SRB>HRV 1123", "HRV>- 196 r"]),
        ("[Serbia|SRB] accused [Croatia|HRV] of attacking [Bosnia|BIH].", &["SRB>HRV 1123", "HRV>BIH 190 r"]),
        ("[Serbia|SRB] blamed [Croatia|HRV] for attacking the convoy.", &["SRB>HRV 1123", "HRV>- 190 r"]),
        ("[Serbia|SRB] condemned [Croatia|HRV] for shelling the town.", &["SRB>HRV 111", "HRV>- 194 r"]),
        // A denied act is negated as well as alleged; the denial is the event.
        ("[Serbia|SRB] denied attacking [Croatia|HRV].", &["SRB>HRV 016", "SRB>HRV 190 nr"]),
        // A charge that is not an act keeps the dictionary's specific code.
        ("[Iran|IRN] accused [Iraq|IRQ] of corruption.", &["IRN>IRQ 1121"]),
    ]);
    let m = matches("Serbia accused Croatia of violating the ceasefire.");
    assert!(m.iter().any(|m| m.code == "196" && m.alleged), "{m:?}");
    assert!(m.iter().any(|m| m.code == "1123" && !m.alleged && m.prep.is_none()), "{m:?}");
}

#[test]
fn the_object_after_a_pattern_own_preposition_is_a_noun_unless_a_cue_takes_an_infinitive() {
    check(&[
        // "to" is bow's own preposition: "pressure" is its object, not the verb "to pressure".
        ("[Serbia|SRB] bowed to pressure from [Russia|RUS].", &["SRB>RUS 083"]),
        // "agree to" is a cue that takes an infinitive: "meet" stays the predicate, mutual and promised.
        ("[Iran|IRN] agreed to meet [the IAEA|IAEA|o].", &["IRN>IAEA 036 fs"]),
        // A promise's complement is still the complement.
        ("[Iran|IRN] vowed to attack [Israel|ISR].", &["IRN>ISR 1384 f"]),
    ]);
}

#[test]
fn an_attempted_act_is_coded_as_the_act_and_flagged() {
    for (markup, want) in [
        // An attempted assassination has a CAMEO code of its own (185).
        ("[Iran|IRN] tried to assassinate [the Saudi ambassador|SAU|p].", "185"),
        ("[Rebels|REB|g] attempted to seize [Goma|CODL|l] from [the army|COD|o].", "171"),
    ] {
        let p = parse(markup);
        let tokens = dyad_text::tokenize(&p.text, Span::new(&p.text, 0, p.text.len()).unwrap());
        let events = code_sentence(&p.text, &tokens, &p.actors, &p.times).events;
        assert!(events.iter().any(|e| e.code == want && e.flags.attempted && !e.flags.future), "{markup}: {events:?}");
    }
    // Without the cue the act is not an attempt.
    let m = matches("Iran assassinated the Saudi ambassador.");
    assert!(m.iter().any(|m| m.code == "186" && !m.attempted), "{m:?}");
}

#[test]
fn conditional_announcements_and_accusations_are_flagged() {
    let flags_of = |markup: &str, want: &str| {
        let p = parse(markup);
        let tokens = dyad_text::tokenize(&p.text, Span::new(&p.text, 0, p.text.len()).unwrap());
        let events = code_sentence(&p.text, &tokens, &p.actors, &p.times).events;
        events
            .iter()
            .find(|e| e.code.starts_with(want))
            .map(|e| e.flags)
            .unwrap_or_else(|| panic!("{markup}: {events:?}"))
    };
    // An act announced under a condition is hypothetical; "unless" also makes it a threat.
    assert!(flags_of("[Chad|TCD] will expel [the French envoy|FRA|p] if the raids continue.", "").hypothetical);
    assert!(
        flags_of("[Mali|MLI] said it would withdraw from [the pact|ECOWAS|o] unless sanctions end.", "13").hypothetical
    );
    // The same act without a condition, and a past act with a later "if", are not.
    assert!(!flags_of("[Chad|TCD] will expel [the French envoy|FRA|p].", "").hypothetical);
    assert!(!flags_of("[Chad|TCD] expelled [the French envoy|FRA|p], even if briefly.", "").hypothetical);
    // "accused X of attacking Y": the attack is only alleged; the accusation itself is not.
    let p = parse("[Iran|IRN] accused [Israel|ISR] of attacking [Syria|SYR].");
    let tokens = dyad_text::tokenize(&p.text, Span::new(&p.text, 0, p.text.len()).unwrap());
    let events = code_sentence(&p.text, &tokens, &p.actors, &p.times).events;
    assert!(events.iter().any(|e| e.code.starts_with("19") && e.flags.alleged), "{events:?}");
    assert!(events.iter().any(|e| e.code.starts_with("112") && !e.flags.alleged), "{events:?}");
}

#[test]
fn a_preposition_opening_a_time_expression_is_no_pattern_preposition() {
    check(&[
        // "fire at,on": "on Monday" is when, not whom.
        ("[Israeli troops|ISR|g] fired {on Monday}.", &[]),
        ("[Israeli troops|ISR|g] fired on {Monday}.", &[]),
        ("[Israeli troops|ISR|g] fired at [Lebanon|LBN] {on Monday}.", &["ISR>LBN 190"]),
        ("[Israeli troops|ISR|g] fired on {Monday} at [Lebanese soldiers|LBN|g].", &["ISR>LBN 190"]),
        ("[Israeli troops|ISR|g] fired on [Lebanese soldiers|LBN|g] {on Monday}.", &["ISR>LBN 190"]),
    ]);
    // A particle before a time expression with its own preposition stays the pattern's particle.
    let p = parse("[The CEO|USA|p] is stepping down {in May 2020}.");
    let tokens = dyad_text::tokenize(&p.text, Span::new(&p.text, 0, p.text.len()).unwrap());
    let mut a = crate::Analysis::new(&tokens);
    a.set_times(vec![(5, 8)]);
    assert!(crate::matcher::find_in(&a).iter().any(|m| m.code == "0831" && m.prep == Some(4)), "{:?}", a.len());
    // Without a time slot the same words are an ordinary preposition.
    assert!(matches("Troops fired on the crowd.").iter().any(|m| m.code == "190" && m.prep.is_some()));
}

#[test]
fn a_word_after_a_preposition_and_a_modifier_is_a_noun() {
    check(&[
        ("[Palestinian prisoners|PSE|g] went on hunger strike.", &["PSE>- 142"]),
        ("[Palestinian prisoners|PSE|g] went on a hunger strike.", &["PSE>- 142"]),
    ]);
    // After a preposition and a gerund: "despite growing pressure" names no act of pressing.
    let m = matches("Kim declined to resign despite growing pressure from Seoul.");
    assert!(!m.iter().any(|m| m.code == "100"), "{m:?}");
    let m = matches("Prisoners went on hunger strike in protest.");
    assert!(!m.iter().any(|m| m.kind == MatchKind::Verb && m.code == "190"), "{m:?}");
    // A capitalised name before the word is a subject, and the word a verb: "in Gaza troops strike ..." aside,
    // "after Iran attacked" keeps its verb.
    assert!(matches("It happened after Iran attacked Iraq.").iter().any(|m| m.code == "190"));
}

#[test]
fn an_agentless_alert_or_mobilisation_is_by_the_forces_own_state() {
    check(&[
        ("[Indian troops|IND|g] were put on high alert.", &["IND>- 152"]),
        ("[Iraqi reservists|IRQ|g] were mobilized.", &["IRQ>- 154"]),
        // With an agent the agent acts.
        ("[Iraq|IRQ] was attacked by [Iran|IRN].", &["IRN>IRQ 190"]),
    ]);
}

#[test]
fn an_object_is_the_verb_own_not_a_word_in_a_later_phrase() {
    check(&[
        // "hostage" is in the topic phrase, not held: talks, not hostage-taking.
        ("[Iran|IRN] held talks on the hostage crisis.", &["IRN>- 040 s"]),
        ("[Iran|IRN] held talks on the hostage crisis with [Iraq|IRQ].", &["IRN>IRQ 040 s"]),
        ("[France|FRA] sent a message to [Syria|SYR] about the weapons shipment.", &["FRA>SYR 010"]),
        // An object written as a phrase may open with a preposition.
        ("[Iran|IRN] put [the opposition leader|IRN|p] on trial.", &["IRN>- 173"]),
        // A later phrase still supplies the object when no row finds one of the verb's own.
        ("[France|FRA] urged [Iran|IRN] to return to talks.", &["FRA>IRN 026"]),
    ]);
}

/// Codes of the loaded (`t:`) patterns found in `text` against `dict`.
fn loaded_codes(dict: &'static crate::Dictionaries, text: &str) -> Vec<&'static str> {
    let tokens = dyad_text::tokenize(text, Span::new(text, 0, text.len()).unwrap());
    crate::find_matches_in(dict, &tokens)
        .1
        .into_iter()
        .filter(|m| m.pattern.starts_with("t:"))
        .map(|m| m.code)
        .collect()
}

#[test]
fn a_loaded_verb_pattern_fires_only_on_a_verb_reading() {
    // Bare verbs a PETRARCH dictionary codes by default and dyad's own dictionaries do not know.
    let (d, _) = crate::Dictionaries::with_petrarch_verbs(
        "t",
        "--- CHALLENGE [110] ---\nCHALLENGE\n--- DAMAGE [180] ---\nDAMAGE\n--- SHIELD [010] ---\nSHIELD\n",
    )
    .expect("loads");
    let d: &'static crate::Dictionaries = Box::leak(Box::new(d));
    let cases: &[(&str, &[&str])] = &[
        // Verb readings: after a name, a subject pronoun, a modal, an auxiliary, "to".
        ("Iran challenged the ruling in court.", &["110"]),
        ("They challenge the ruling every year.", &["110"]),
        ("Iran will challenge the ruling.", &["110"]),
        ("The ruling was challenged by Iran.", &["110"]),
        ("Iran vowed to challenge the ruling.", &["110"]),
        ("Shells damaged the bridge.", &["180"]),
        // Noun readings: after a determiner, a preposition, an adjective, a number, before "of".
        ("The challenge came from Iran.", &[]),
        ("Iran stood firm against challenges by its rivals.", &[]),
        ("The owner sued the city for damages to his shop.", &[]),
        ("The rebels used the hostages as political shields.", &[]),
        ("Iran faced two challenges in court.", &[]),
        ("Challenges of this kind are rare.", &[]),
        // An infinitive modifying a noun names a purpose, not an act.
        ("Iran rejected attempts to challenge the ruling.", &[]),
    ];
    let mut failures = Vec::new();
    for (text, want) in cases {
        let got = loaded_codes(d, text);
        if got != *want {
            failures.push(format!("{text}: want {want:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn builtin_verb_patterns_skip_noun_readings_too() {
    // A plural noun after an adjective is no verb ("agricultural exports to China").
    let m = matches("Agricultural exports to China fell last year.");
    assert!(!m.iter().any(|m| m.kind == MatchKind::Verb && m.code == "061"), "{m:?}");
    assert!(matches("Iran exports oil to China.").iter().any(|m| m.kind == MatchKind::Verb));
    // A base form after a cardinal has the number as subject: "the two agree" stays a verb.
    let m = matches("After long talks the two agree to a ceasefire.");
    assert!(m.iter().any(|m| m.kind == MatchKind::Verb && m.pattern.starts_with("verbs:agree")), "{m:?}");
}

#[test]
fn a_next_preposition_stands_by_its_verb() {
    check(&[
        ("[The Japanese envoy|JPN|p] headed to [Seoul|KORL|l] {on Monday}.", &["JPN>KORL 042"]),
        ("[The Japanese envoy|JPN|p] headed back to [Seoul|KORL|l].", &["JPN>KORL 042"]),
        // "head" with an object leads it: the "for" belongs to the object's name.
        ("[Tanaka|JPN|p], who heads the Council for [Korean|KOR] Affairs, spoke.", &[]),
        ("[Tanaka|JPN|p] heads the Council for [Korean|KOR] Affairs.", &[]),
    ]);
}

#[test]
fn that_after_a_noun_opens_a_relative_clause_with_that_noun_as_subject() {
    check(&[
        // "a lobby that has praised X": the unnamed lobby praised, not the speaker before it.
        (
            "Tariffs worked, said [Kenji Tanaka|JPN|p], who heads the council, a lobby that has praised [Korea|KOR].",
            &[],
        ),
        ("[Japan|JPN] said a lobby that praised [Korea|KOR] was wrong.", &[]),
        // After a verb "that" opens what was said, and its subject may be the speaker's.
        ("[Japan|JPN] said that it would praise [Korea|KOR].", &["JPN>KOR 032 fr"]),
    ]);
}

#[test]
fn a_request_is_coded_by_the_act_it_asks_for_and_the_act_is_not() {
    check(&[
        // The act asked for is the request's object: the request keeps its sub-code, the act is not coded.
        ("[Germany|DEU] urged [Russia|RUS] to release the journalist.", &["DEU>RUS 0253"]),
        ("[Japan|JPN] pressed [China|CHN] to lift its ban on seafood.", &["JPN>CHN 0254"]),
        ("[Somalia|SOM] asked [Kenya|KEN] to withdraw its troops.", &["SOM>KEN 0256"]),
        ("[Ecuador|ECU] asked [Colombia|COL] to extradite the suspect.", &["ECU>COL 0213"]),
        // Done, not asked for, the act is coded.
        ("[Russia|RUS] released the journalist to [Germany|DEU].", &["RUS>DEU 0841"]),
    ]);
}

#[test]
fn an_actor_row_needs_the_party_right_after_the_verb() {
    check(&[
        // Wanting another party to act is an appeal to it; the wanted act is not coded.
        ("[Chile|CHL] wants [Peru|PER] to extradite the banker.", &["CHL>PER 0213"]),
        ("[Chile|CHL] wants the [Peruvian government|PER] to extradite the banker.", &["CHL>PER 0213"]),
        // Wanting to act oneself, or wanting a thing, is no appeal.
        ("[Chile|CHL] wants to join [Mercosur|IGO].", &[]),
        ("[Chile|CHL] wants peace with [Peru|PER].", &[]),
    ]);
}

/// A small loaded dictionary: a verb dyad knows (with an object row) and one it does not.
const FALLBACK_TEST_VERBS: &str =
    "--- CONDEMN [111] ---\nCONDEMN\n- * RULING    [120]   # CONDEMN\n--- CHALLENGE [110] ---\nCHALLENGE\n";

fn fallback_dicts(usage: crate::LoadedUse, bare: bool) -> &'static crate::Dictionaries {
    let (d, _) = crate::Dictionaries::with_petrarch_verbs("t", FALLBACK_TEST_VERBS).expect("loads");
    Box::leak(Box::new(d.with_loaded_use(usage, bare)))
}

#[test]
fn loaded_rows_only_where_builtin_rows_match_nothing() {
    use crate::LoadedUse::{Everywhere, WhereBuiltinMatchesNothing};
    // Everywhere, a loaded row matching more (an object) beats the built-in one; as a fallback it does not.
    assert_eq!(loaded_codes(fallback_dicts(Everywhere, true), "Iran condemned the ruling."), ["120"]);
    assert!(loaded_codes(fallback_dicts(WhereBuiltinMatchesNothing, true), "Iran condemned the ruling.").is_empty());
    // A verb dyad does not know is matched in both modes, and left out with the bare rows.
    assert_eq!(loaded_codes(fallback_dicts(WhereBuiltinMatchesNothing, true), "Iran challenged the ruling."), ["110"]);
    assert!(loaded_codes(fallback_dicts(Everywhere, false), "Iran challenged the ruling.").is_empty());
}

#[test]
fn loaded_rows_only_in_sentences_builtin_rows_code_nothing_in() {
    use crate::LoadedUse::{Everywhere, WhereSentenceHasNoEvent};
    let codes = |d: &'static crate::Dictionaries, markup: &str| {
        let p = crate::table_tests::parse(markup);
        let tokens = dyad_text::tokenize(&p.text, Span::new(&p.text, 0, p.text.len()).unwrap());
        let mut c: Vec<&str> =
            crate::code_sentence_in(d, &p.text, &tokens, &p.actors, &p.times).events.iter().map(|e| e.code).collect();
        c.sort_unstable();
        c
    };
    let both = "[Iran|IRN] condemned [Iraq|IRQ] and challenged [Syria|SYR].";
    assert_eq!(codes(fallback_dicts(Everywhere, true), both), ["110", "111"]);
    assert_eq!(codes(fallback_dicts(WhereSentenceHasNoEvent, true), both), ["111"]);
    assert_eq!(codes(fallback_dicts(WhereSentenceHasNoEvent, true), "[Iran|IRN] challenged [Syria|SYR]."), ["110"]);
}

#[test]
fn an_appeal_demand_or_promise_takes_its_sub_code_from_the_act_it_is_about() {
    check(&[
        // The act's intent counterpart names the branch: withdrawing troops (087 → 0356) is demanded (1056).
        ("[Azerbaijan|AZE] demanded that [Armenia|ARM] withdraw its troops.", &["AZE>ARM 1056"]),
        ("[Italy|ITA] asked [Egypt|EGY] to cooperate with the investigation.", &["ITA>EGY 0213"]),
        (
            "[Mexico|MEX] promised [the United States|USA] that it would change its migration policy.",
            &["MEX>USA 0342 f"],
        ),
        // A hostile act asked for leaves the appeal unspecified.
        ("[Iran|IRN] urged [Iraq|IRQ] to attack the rebels.", &["IRN>IRQ 020"]),
    ]);
    // "that" after a verb opens a clause: the base form after its subject is a verb, only demanded.
    let m = matches("Germany demanded that Turkey respect press freedom.");
    assert!(m.iter().any(|m| m.code == "1043") && m.iter().any(|m| m.code == "0833"), "{m:?}");
}

#[test]
fn a_demand_whose_object_is_a_demand_is_one_speech_act() {
    let m = matches("The party issued a declaration demanding that the government provide information.");
    assert!(m.iter().any(|m| m.pattern == "verbs:demand|-|-"), "{m:?}");
}

#[test]
fn backing_down_is_no_support() {
    let m = matches("China demanded that Lithuania back down over Taiwan.");
    assert!(m.iter().all(|m| m.kind != MatchKind::Relation) && m.iter().any(|m| m.code == "105"), "{m:?}");
    assert!(matches("Russia backs Syria.").iter().any(|m| m.kind == MatchKind::Relation));
}

#[test]
fn an_actor_option_reads_past_a_determiner_and_a_cardinal() {
    check(&[
        // "free" with an actor as its object is a release, whatever the noun naming the people.
        ("[Iran|IRN] freed a [British|GBR] aid worker on Friday.", &["IRN>GBR 0841"]),
        ("[Israel|ISR] freed 30 [Palestinians|PSE] on Monday.", &["ISR>PSE 0841"]),
        ("[Russia|RUS] freed the two [Americans|USA] in Ankara.", &["RUS>USA 0841"]),
        // Freed things are no release of people.
        ("The deal will free up funds for [Ukraine|UKR].", &[]),
        ("[Russia|RUS] said the reform would free the economy from state control.", &[]),
    ]);
}
