//! Tests of the precision filters (`precision.rs`, `data/event_precision.tsv`): ordinary web prose that must code
//! nothing, and news sentences that must still code, in the markup of `table_tests.rs`.

use crate::precision::{PRECISION_TSV, has_score, parse_lists};
use crate::table_tests::code;

/// Sentences from general web prose (reviews, travel, shops, sports) and news idioms that hold no event between
/// the marked actors.
const NOTHING: &[&str] = &[
    // Month names inside a date.
    "The summit will take place on {March 18, 2026}, in [Atlanta|USA|l] with [French|FRA|g] guests.",
    "[Georgia|USA] kicks off the festival on {March 7, 2026}, at the campus near [Canada|CAN].",
    // Nouns and adjectives that look like verbs.
    "[Russia|RUS]'s economy shows signs of recovery, [Mexico|MEX] said.",
    "[US|USA] officials doubt that promises of improved access to [China|CHN]'s markets are enough.",
    "[San Diego|USA] is one of the most inviting cities on the [West Coast|WST|g].",
    "[Iran|IRN] took the step in order to open a route to [Syria|SYR].",
    "[Johnson|GBR|p] is under fire from [France|FRA] for failing to deliver.",
    "[Esper|USA|p] spoke of its own fight against [Russia|RUS] in the region.",
    "They built the houses on occupied [Palestinian|PSE|g] land, [Israel|ISR] said.",
    // Particles.
    "[Yemeni|YEM|g] traders brought coffee beans back from [Ethiopia|ETH].",
    "[Spain|ESP] will be back in action on {Wednesday} against [Croatia|HRV].",
    "[Trump|USA|p]'s reluctance to roll back tariffs was hurting [China|CHN]'s outlook.",
    "They worry [China|CHN] is taking back the freedoms given to [Hong Kong|HKG].",
    // Everyday verbs without a political subject before them.
    "The company [Sixt|DEU|o] offers a fleet of [German|DEU|g] and [American|USA|g] cars.",
    "The winery receives grapes from [France|FRA] and ships wine to [Italy|ITA].",
    "His landmark retrospective traveled to [Oslo|NOR|l] and then to [Munich|DEU|l].",
    "[Chan|HKG|p]'s [Hong Kong|HKG] action movies arrived in the [U.S.|USA].",
    "[Parr|USA|p] set up a fund to support [British|GBR|g] documentary photography.",
    "By contrast, offshore markets in [Eastern Europe|EEUR|g] offer skilled developers at a fraction of [US|USA] costs.",
    "The firm has been providing customer service to [New York|USA|l] residents for [Canadian|CAN|g] owners.",
    // Sports.
    "[Australia|AUS] beat [Colombia|COL] behind a 6-4, 6-4 win on {Sunday}.",
    "[Ottawa|CAN] held on to beat [Detroit|USA].",
    "[Russia|RUS] beat [Croatia|HRV] on {Monday}.",
    "[Kazakhstan|KAZ] needed the doubles match to beat the [Netherlands|NLD].",
    "[Wales|GBR] beat [Hungary|HUN] 2-0 to earn the last spot.",
    "The striker helped [Brazil|BRA] defeat [Argentina|ARG] in the final.",
    // Asked for, not done.
    "Officials saw the request to investigate [Ukrainian|UKR|g] company Burisma as a threat to [Biden|USA|p].",
    // A dash between a party and the predicate.
    "[Trump|USA|p] would release a transcript of his call — [Democrat|USAOPP|o] leaders expected secrecy.",
];

/// News sentences that must still code an event with this source and target (`SRC>TGT`, matched as a prefix of
/// the coded `SRC>TGT CODE flags`).
const STILL: &[(&str, &str)] = &[
    ("[Russia|RUS] offered aid to [Syria|SYR].", "RUS>SYR"),
    // "trade" is the first half of the compound "trade talks", whose event noun is the predicate (040, not 061).
    ("[Trump|USA|p] has brought his love of show business to trade talks with [China|CHN].", "USA>CHN 040"),
    ("[Libya|LBY] has offered to hand over two suspects to [Great Britain|GBR].", "LBY>GBR"),
    ("[China|CHN] will provide weapons to [Pakistan|PAK].", "CHN>PAK"),
    ("[Germany|DEU] today welcomed [President Reagan|USAGOV|p].", "DEU>USAGOV"),
    (
        "[Russian President Boris Yeltsin|RUSGOV|p] on {Saturday} hosted [Japanese Prime Minister Hashimoto|JPNGOV|p].",
        "RUSGOV>JPNGOV",
    ),
    ("[France|FRA] vowed to back [Ukraine|UKR] against [Russia|RUS].", "FRA>UKR"),
    ("[Israeli|ISRMIL|g] troops beat [Palestinian|PSE|g] protesters.", "ISRMIL>PSE"),
    ("[Kim|PRKGOV|p] sent another message expressing \"absolute support\" to [Diaz-Canel|CUBGOV|p].", "PRKGOV>CUBGOV"),
    (
        "[North Korea|PRK] is willing to unconditionally support all measures taken by the [Russian leadership|RUSGOV|o].",
        "PRK>RUSGOV",
    ),
    ("[Egypt|EGY] and [Jordan|JOR] also sharply criticised the [US|USA] policy shift.", "EGY>USA"),
    ("[American|USA|g] colonists protested [British|GBR|g] taxes.", "USA>GBR"),
    ("[Irish|IRL|g] nationalist guerrillas wounded two [British|GBR|g] soldiers.", "IRL>GBR"),
    ("[Iran|IRN], [Russia|RUS] and [Syria|SYR] have been pressuring the [U.S.|USA] to leave.", "SYR>USA"),
    ("[The PRC|CHN] on {Tuesday} demanded that the [US|USA] cancel arms sales to [Taiwan|TWN].", "CHN>USA"),
    ("[Arafat|PSE|p] arrived in [Cairo|EGY|l] on {Monday}.", "PSE>EGY"),
    ("[Esper|USA|p] traveled to [Vietnam|VNM] to discuss the dispute.", "USA>VNM"),
    ("[Russia|RUS] signed a treaty with [China|CHN].", "RUS>CHN"),
    ("[Egypt|EGY] and [Jordan|JOR] - two neighbours - also criticised [Israel|ISR].", "JOR>ISR"),
    ("[Britain|GBR] formally recognized [Kosovo|XKX] on {Monday}.", "GBR>XKX"),
    ("[Turkey|TUR] received [Iraqi President Talabani|IRQGOV|p] in [Ankara|TURL|l].", "TUR>IRQGOV"),
    (
        "[Nigerian|NGAGOV|g] authorities jailed 52 members of [MASSOB|NGAREB|o] for playing in a football match.",
        "NGAGOV>NGAREB",
    ),
    ("[Iranian|IRNMIL|g] agents tried to assassinate [Iraqi Prime Minister Maliki|IRQGOV|p].", "IRNMIL>IRQGOV"),
    ("[Modi|IND|p] and the visiting [Japanese premier Kishida|JPN|p] toured a factory.", "JPN>IND"),
    ("[The Taliban|AFGINS|g] shot down a [US|USAMIL|o] helicopter.", "AFGINS>USAMIL"),
];

#[test]
fn web_prose_codes_nothing() {
    let failures: Vec<String> = NOTHING
        .iter()
        .filter_map(|m| {
            let got = code(m);
            (!got.is_empty()).then(|| format!("{m}\n    got {got:?}"))
        })
        .collect();
    assert!(failures.is_empty(), "{} of {} coded something:\n{}", failures.len(), NOTHING.len(), failures.join("\n"));
}

#[test]
fn news_still_codes() {
    let failures: Vec<String> = STILL
        .iter()
        .filter_map(|(m, want)| {
            let got = code(m);
            (!got.iter().any(|e| e.starts_with(&format!("{want} ")) || e.starts_with(want) && want.contains(' ')))
                .then(|| format!("{m}\n   want {want}\n    got {got:?}"))
        })
        .collect();
    assert!(failures.is_empty(), "{} of {} lost:\n{}", failures.len(), STILL.len(), failures.join("\n"));
}

#[test]
fn precision_lists_load() {
    let l = parse_lists(PRECISION_TSV).expect("event_precision.tsv");
    assert!(l.ordinary.contains("offer") && l.ordinary.contains("receive"));
    assert!(l.contest.contains("beat"));
    assert!(l.fixed.iter().any(|p| p == &["in", "order", "to"]));
    assert!(l.agent.contains("colonist") && l.particle.contains("back"));
    assert!(parse_lists("bogus\tword\n").is_err());
    assert!(parse_lists("ordinary\ttwo words\n").is_err());
    assert!(parse_lists("agent\tUpper\n").is_err());
    assert!(parse_lists("agent\n").is_err());
}

#[test]
fn scores_are_told_from_dates_and_numbers() {
    for s in ["won 6-4, 6-3", "beat Hungary 2-0 to", "a 1\u{2013}1 draw", "(3-2)"] {
        assert!(has_score(s), "{s}");
    }
    for s in ["in 2001-2004", "the 2-year-old", "1,000-2,000 people", "a 12-hour shift", "COVID-19", "on 2020-01-05"] {
        assert!(!has_score(s), "{s}");
    }
}

#[test]
fn bracketed_names_and_requests_to_others() {
    assert!(
        code("\"We will go to the ([UN|UNO|o]) General Assembly and ask [Israel|ISR] to stop,\" he said.")
            .iter()
            .all(|e| !e.starts_with("UNO>"))
    );
    assert_eq!(
        code("[Trump|USA|p]'s request to the [Ukrainian|UKR|g] president to investigate [Biden|USA|p] was wrong."),
        Vec::<String>::new()
    );
    // The acronym after a full name is the same party.
    assert!(!code("The [World Food Programme (WFP)|WFP|o] sent food aid to [Sudan|SDN].").is_empty());
}
