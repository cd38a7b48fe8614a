//! Table tests for the whole sentence coder, with hand-built slots.
//!
//! Markup: `[surface|ID]` is an actor slot of kind country; `[surface|ID|k]` gives the kind (c country,
//! p person, o organisation, g group, l place, m media); `{surface}` is a past time slot, `{+surface}` a
//! future one and `{-surface}` one well before the anchor ([`TimeSlot::earlier`]). The expected events are
//! `SRC>TGT CODE flags` (TGT `-` when none; flags any of `n` negated, `f` future, `r` reported, `s` symmetric),
//! compared as a set.

use crate::{ActorSlot, SlotKind, SlotTime, TimeSlot, code_sentence};
use dyad_core::{DateValue, Span};

pub(crate) struct Parsed {
    pub text: String,
    pub actors: Vec<ActorSlot>,
    pub times: Vec<TimeSlot>,
}

pub(crate) fn parse(markup: &str) -> Parsed {
    let mut text = String::new();
    let mut actors = Vec::new();
    let mut times = Vec::new();
    let mut rest = markup;
    while let Some(i) = rest.find(['[', '{']) {
        text.push_str(&rest[..i]);
        let open = rest.as_bytes()[i];
        let close = if open == b'[' { ']' } else { '}' };
        let end = rest[i..].find(close).map(|e| i + e).expect("unclosed markup");
        let inner = &rest[i + 1..end];
        let start = text.len();
        if open == b'[' {
            let parts: Vec<&str> = inner.split('|').collect();
            text.push_str(parts[0]);
            let kind = match parts.get(2).copied().unwrap_or("c") {
                "p" => SlotKind::Person,
                "o" => SlotKind::Organization,
                "g" => SlotKind::Group,
                "l" => SlotKind::Place,
                "m" => SlotKind::Media,
                _ => SlotKind::Country,
            };
            let id = parts.get(1).copied().unwrap_or(parts[0]);
            actors.push((start, text.len(), id.to_string(), parts[0].to_string(), kind));
        } else {
            let (future, earlier, surface) = match (inner.strip_prefix('+'), inner.strip_prefix('-')) {
                (Some(s), _) => (true, false, s),
                (_, Some(s)) => (false, true, s),
                _ => (false, false, inner),
            };
            text.push_str(surface);
            times.push((start, text.len(), future, earlier));
        }
        rest = &rest[end + 1..];
    }
    text.push_str(rest);
    let actors = actors
        .into_iter()
        .map(|(s, e, id, name, kind)| ActorSlot {
            span: Span::new(&text, s, e).unwrap(),
            actor_id: id.clone(),
            name,
            code: Some(id.clone()),
            country: Some(id),
            kind,
        })
        .collect();
    let times = times
        .into_iter()
        .map(|(s, e, future, earlier)| TimeSlot {
            span: Span::new(&text, s, e).unwrap(),
            value: Some(SlotTime::Date(DateValue::day(2020, 1, 1).unwrap())),
            basis: "test".into(),
            future,
            earlier,
        })
        .collect();
    Parsed { text, actors, times }
}

pub(crate) fn code(markup: &str) -> Vec<String> {
    let p = parse(markup);
    let span = Span::new(&p.text, 0, p.text.len()).unwrap();
    let tokens = dyad_text::tokenize(&p.text, span);
    let coded = code_sentence(&p.text, &tokens, &p.actors, &p.times);
    let mut out: Vec<String> = coded
        .events
        .iter()
        .map(|e| {
            let mut flags = String::new();
            for (on, c) in
                [(e.flags.negated, 'n'), (e.flags.future, 'f'), (e.flags.reported, 'r'), (e.flags.symmetric, 's')]
            {
                if on {
                    flags.push(c);
                }
            }
            let tgt = e.target.map_or("-".to_string(), |t| p.actors[t].actor_id.clone());
            format!("{}>{} {} {}", p.actors[e.source].actor_id, tgt, e.code, flags).trim_end().to_string()
        })
        .collect();
    out.sort();
    out
}

pub(crate) fn check(cases: &[(&str, &[&str])]) {
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

#[test]
fn consult_and_visits() {
    check(&[
        ("[Iran|IRN] met [Iraq|IRQ] on {Monday}.", &["IRN>IRQ 040 s"]),
        (
            "[Japanese Prime Minister Abe|JPN|p] met with [Chinese President Xi|CHN|p] in [Beijing|CHNL|l].",
            &["JPN>CHN 040 s"],
        ),
        ("[France|FRA] and [Germany|DEU] met in [Paris|FRAL|l] on {Tuesday}.", &["FRA>DEU 040 s"]),
        ("[India|IND] held talks with [Nepal|NPL].", &["IND>NPL 040 s"]),
        ("The foreign ministers of [Peru|PER] and [Chile|CHL] held talks.", &["PER>CHL 040 s"]),
        ("[Peru|PER] and [Chile|CHL] held talks in [Lima|PERL|l].", &["PER>CHL 040 s"]),
        ("A meeting between [Kenya|KEN] and [Uganda|UGA] took place {last week}.", &["KEN>UGA 040 s"]),
        ("[Egypt|EGY] hosted a summit with [Sudan|SDN].", &["EGY>SDN 043"]),
        // The host of "talks between X and Y" is not a party: the meeting is X's with Y.
        ("[Norway|NOR] hosted a meeting between [Israel|ISR] and [Syria|SYR].", &["ISR>SYR 040 s"]),
        ("[Qatar|QAT] hosted talks between [Chad|TCD] and [Sudan|SDN] {on Monday}.", &["TCD>SDN 040 s"]),
        ("[Qatar|QAT] hosted [the Chadian envoy|TCD|p] {on Monday}.", &["QAT>TCD 043"]),
        ("[Brazilian President Lula|BRA|p] visited [Argentina|ARG] {last month}.", &["BRA>ARG 042"]),
        ("[The Brazilian delegation|BRA|o] left for [Cuba|CUB] {Thursday}.", &["BRA>CUB 042"]),
        ("[The minister|FRA|p] arrived in [Kyiv|UKRL|l] on {Friday}.", &["FRA>UKRL 042"]),
        ("[Putin|RUS|p] arrived at [Hanoi|VNML|l] airport.", &["RUS>VNML 042"]),
        ("[Modi|IND|p] travelled to [Japan|JPN] for a summit.", &["IND>JPN 042"]),
        ("[Modi|IND|p] traveled to [Japan|JPN].", &["IND>JPN 042"]),
        ("[Turkey|TUR] hosted [Swedish Foreign Minister Billstrom|SWE|p] in [Ankara|TURL|l].", &["TUR>SWE 043"]),
        ("[Kim|PRK|p] received [the Chinese envoy|CHN|p] in [Pyongyang|PRKL|l].", &["PRK>CHN 043"]),
        // Aid received from a party is that party's aid to the receiver (`rev` in verbs.tsv).
        ("[Ghana|GHA] received emergency loans from [China|CHN] {last year}.", &["CHN>GHA 071"]),
        ("[Haiti|HTI] received food aid from [Canada|CAN].", &["CAN>HTI 073"]),
        ("[Kenya|KEN] received [Japanese|JPN] loans {last year}.", &["JPN>KEN 071"]),
        // A contract or order won from a buyer is the buyer's economic cooperation with the winner.
        ("[Tata|IND|o] won a contract from [Kenya|KEN] {last year}.", &["KEN>IND 061"]),
        ("[Poland|POL] awarded a contract to [Hanwha|KOR|o].", &["POL>KOR 061"]),
        // "The United States cut": after "the" and a name, a past form with no preposition after it is a verb.
        ("[The United States|USA] cut economic aid to [Egypt|EGY].", &["USA>EGY 1621"]),
        ("[Washington|USA] announced a cut in military aid to [Pakistan|PAK].", &["USA>PAK 1622 r"]),
        // Verbal attacks: describing an act as improper, calling a party a name.
        ("[The Iraqi minister|IRQ|p] described [the Turkish|TUR] raid as illegal.", &["IRQ>TUR 111"]),
        ("[Venezuela|VEN] called [the Colombian president|COL|p] a traitor.", &["VEN>COL 111"]),
        // A charge with an offence is legal action (173), whatever the offence; "charged X with aggression" accuses.
        ("[Belarus|BLR] charged [two Polish journalists|POL|p] with espionage.", &["BLR>POL 173"]),
        // A word after a determiner and a number is a noun: "a 2010 rape allegation" reports no rape.
        (
            "[Sweden|SWE] dropped its inquiry into a 2010 rape allegation against [the activist|AUS|p].",
            &["SWE>AUS 080"],
        ),
        // An extradition sought "from" a state is asked of that state.
        ("[Turkey|TUR] is seeking the cleric's extradition from [the United States|USA].", &["TUR>USA 0213"]),
        // Killing a deal or a bill rejects it (120), it is no killing.
        ("[The Kremlin|RUS] killed the proposal of [Ukraine|UKR].", &["RUS>UKR 120"]),
        ("[Blinken|USA|p] spoke by phone with [Lavrov|RUS|p].", &["USA>RUS 041 s"]),
        ("[Norway|NOR] mediated between [Colombia|COL] and [the rebels|COLREB|g].", &["NOR>COL 045", "NOR>COLREB 045"]),
        ("[Ghana|GHA] negotiated with [the IMF|IMF|o].", &["GHA>IMF 046 s"]),
        ("[Kim|PRK|p] paid a visit to [Russia|RUS].", &["PRK>RUS 042"]),
        ("[Kim|PRK|p]'s visit to [Russia|RUS] ended {Sunday}.", &["PRK>RUS 042"]),
        ("During a meeting on {Saturday} in [Wonsan|PRKL|l], [Kim|PRK|p] met with [Lavrov|RUS|p].", &["PRK>RUS 040 s"]),
        (
            "When meeting [the Iranian envoy|IRN|p] {this week}, [President Aoun|LBN|p] praised the ties.",
            &["LBN>IRN 040 s", "LBN>IRN 051"],
        ),
        ("The talks between [Serbia|SRB] and [Kosovo|KSV] resumed.", &["SRB>KSV 040 s"]),
        ("[Choe|PRK|p] held a strategic dialogue with [Lavrov|RUS|p].", &["PRK>RUS 040 s"]),
        (
            "[Kim|PRK|p] sent [an official|PRK|p] to pay a congratulatory visit to [the Cuban Embassy|CUB|o].",
            &["PRK>CUB 042"],
        ),
    ]);
}

#[test]
fn lists_coordination_and_speech() {
    check(&[
        (
            "[Cuba|CUB] sent messages to [Syria|SYR], [Zimbabwe|ZWE] and [Tanzania|TZA].",
            &["CUB>SYR 010", "CUB>TZA 010", "CUB>ZWE 010"],
        ),
        (
            "[Kim|PRK|p] sent several verbal messages to the leaders of [China|CHN], [Cuba|CUB], [Vietnam|VNM] and [Laos|LAO].",
            &["PRK>CHN 010", "PRK>CUB 010", "PRK>LAO 010", "PRK>VNM 010"],
        ),
        ("[Iran|IRN] condemned [Israel|ISR] and [the United States|USA].", &["IRN>ISR 111", "IRN>USA 111"]),
        ("[Iran|IRN] and [Syria|SYR] condemned [Israel|ISR].", &["IRN>ISR 111", "SYR>ISR 111"]),
        ("[Aise Sotolong|CUB|p], ambassador to [Laos|LAO], praised [Vietnam|VNM].", &["CUB>VNM 051"]),
        ("[Cuba|CUB], [Bolivia|BOL] and [Venezuela|VEN] met in [Havana|CUBL|l].", &["CUB>BOL 040 s", "CUB>VEN 040 s"]),
        ("\"We will defend our sovereignty,\" said [Foreign Minister Wang|CHN|p].", &["CHN>- 032 fr"]),
        ("[The ministry|CHN|o] said [Japan|JPN] had violated the truce.", &["JPN>- 196 r"]),
        ("[Xinhua|XIN|m] reported that [China|CHN] praised [Pakistan|PAK].", &["CHN>PAK 051 r"]),
        ("[China|CHN] praised [Pakistan|PAK], [Xinhua|XIN|m] reported.", &["CHN>PAK 051 r"]),
        ("[China|CHN] praised [Pakistan|PAK], according to [Xinhua|XIN|m].", &["CHN>PAK 051 r"]),
        ("According to [KCNA|KCNA|m], [Kim|PRK|p] congratulated [Diaz-Canel|CUB|p].", &["PRK>CUB 051 r"]),
        (
            "[President Aoun|LBN|p] said his country will further develop friendly relations with [Syria|SYR].",
            &["LBN>SYR 030 fr"],
        ),
        (
            "[The vice minister|PRK|p] stressed the need to expand relations with [Algeria|DZA], said [KCNA|KCNA|m].",
            &["PRK>DZA 030 fr"],
        ),
        ("[Kim|PRK|p] reaffirmed that [North Korea|PRK] is willing to support [Russia|RUS].", &["PRK>RUS 032 fr"]),
        (
            "[The ambassador|CUB|p] said the Cuban people will extend support and solidarity to [the Korean people|PRK|g].",
            &["CUB>PRK 032 fr"],
        ),
        ("[Russia|RUS] met [Iran|IRN] and signed a trade agreement.", &["RUS>IRN 040 s", "RUS>- 057 s"]),
        (
            "[The DPRK|PRK] sent messages to [Syria|SYR] expressing willingness to strengthen ties.",
            &["PRK>SYR 010", "PRK>SYR 030 f"],
        ),
    ]);
}

#[test]
fn cooperation_roots() {
    check(&[
        ("[Germany|DEU] praised [Greece|GRC] for its reforms.", &["DEU>GRC 051"]),
        ("[Kim|PRK|p] congratulated [Diaz-Canel|CUB|p] on his election.", &["PRK>CUB 051"]),
        ("[Kim|PRK|p] sent a congratulatory message to [Diaz-Canel|CUB|p].", &["PRK>CUB 051"]),
        (
            "[Kim|PRK|p] sent another message expressing absolute support to [Diaz-Canel|CUB|p].",
            &["PRK>CUB 010", "PRK>CUB 051"],
        ),
        ("[Japan|JPN] welcomed [Korea|KOR]'s decision.", &["JPN>KOR 051"]),
        ("[Mexico|MEX] thanked [Canada|CAN] for its help.", &["MEX>CAN 051"]),
        ("[Russia|RUS] backed [Syria|SYR] in the war.", &["RUS>SYR 051"]),
        ("[Spain|ESP] recognized [Palestine|PSE].", &["ESP>PSE 054"]),
        ("[Ecuador|ECU] apologized to [Peru|PER].", &["ECU>PER 055"]),
        ("[Israel|ISR] and [the UAE|ARE] signed a peace agreement.", &["ISR>ARE 057 s"]),
        ("[Israel|ISR] signed an agreement with [Bahrain|BHR].", &["ISR>BHR 057 s"]),
        ("[Iran|IRN] reached a deal with [the IAEA|IAEA|o].", &["IRN>IAEA 057 s"]),
        ("Diplomatic relations were established between [Korea|PRK] and [Cuba|CUB] in {1960}.", &["PRK>CUB 054 s"]),
        ("[The DPRK|PRK] established diplomatic relations with [Cuba|CUB] in {1960}.", &["PRK>CUB 054 s"]),
        ("[China|CHN] cooperated with [Russia|RUS] on energy.", &["CHN>RUS 060 s"]),
        ("[Poland|POL] and [the US|USA] conducted joint military exercises.", &["POL>USA 062 s"]),
        ("[Turkey|TUR] extradited [the suspect|SUS|p].", &["TUR>SUS 063"]),
        ("[Jordan|JOR] shared intelligence with [Iraq|IRQ].", &["JOR>IRQ 064"]),
        ("[Japan|JPN] provided humanitarian aid to [Turkey|TUR].", &["JPN>TUR 073"]),
        ("[The EU|EU|o] provided a loan to [Ukraine|UKR].", &["EU>UKR 071"]),
        ("[The US|USA] supplied weapons to [Ukraine|UKR].", &["USA>UKR 072"]),
        ("[Germany|DEU] sent aid to [Syria|SYR].", &["DEU>SYR 070"]),
        ("[Ecuador|ECU] granted asylum to [Assange|AUS|p].", &["ECU>AUS 075"]),
        ("[The US|USA] lifted sanctions on [Cuba|CUB].", &["USA>CUB 085"]),
        ("[Iran|IRN] released [the sailors|GBR|g].", &["IRN>GBR 0841"]),
        ("[Russia|RUS] withdrew troops from [Georgia|GEO].", &["RUS>GEO 087"]),
        ("[Israel|ISR] and [Hamas|HAM|g] declared a ceasefire.", &["ISR>- 0871", "HAM>- 0871"]),
        ("[Iraq|IRQ] allowed inspectors into the site.", &["IRQ>- 0862"]),
    ]);
}

#[test]
fn verbal_roots_01_to_03() {
    check(&[
        ("[The ministry|CHN|o] declined to comment.", &["CHN>- 011"]),
        ("[The ministry|CHN|o] declined comment on [Taiwan|TWN].", &["CHN>TWN 011"]),
        // A statement denied or refused is a declined comment (011), not a negated statement.
        ("[Turkey|TUR] did not release a statement about [Sweden|SWE].", &["TUR>SWE 011"]),
        ("[Turkey|TUR] released a statement about [Sweden|SWE].", &["TUR>SWE 010"]),
        ("[Iran|IRN] expressed concern over [Israel|ISR]'s plans.", &["IRN>ISR 012"]),
        ("[Hamas|HAM|g] claimed responsibility for the attack on [Israel|ISR].", &["HAM>ISR 015", "HAM>ISR 190 r"]),
        ("[Russia|RUS] denied responsibility for the attack.", &["RUS>- 016"]),
        ("[Japan|JPN] expressed condolences to [Turkey|TUR].", &["JPN>TUR 018"]),
        ("[Kim|PRK|p] laid a wreath at the monument.", &["PRK>- 017"]),
        (
            "[The ambassador|CUB|p] held a reception in [Havana|CUBL|l] to mark the birthday of [Kim|PRK|p].",
            &["CUB>PRK 017"],
        ),
        ("[France|FRA] urged [Iran|IRN] to return to talks.", &["FRA>IRN 026"]),
        ("[The UN|UN|o] called on [Myanmar|MMR] to end the violence.", &["UN>MMR 020"]),
        ("[Haiti|HTI] appealed for aid from [the US|USA].", &["HTI>USA 023"]),
        ("[Sri Lanka|LKA] asked [India|IND] for assistance.", &["LKA>IND 023"]),
        ("[Pope Francis|VAT|p] called for restraint in [Gaza|PSEL|l].", &["VAT>- 025"]),
        ("[China|CHN] urged dialogue between [the two Koreas|KOR|g].", &["CHN>KOR 026"]),
        ("[Iran|IRN] agreed to meet [the IAEA|IAEA|o].", &["IRN>IAEA 036 fs"]),
        ("[Russia|RUS] pledged support for [Syria|SYR].", &["RUS>SYR 032 f"]),
        ("[Japan|JPN] pledged aid to [Nepal|NPL].", &["JPN>NPL 033 f"]),
        ("[Qatar|QAT] offered to mediate between [Israel|ISR] and [Hamas|HAM|g].", &["QAT>HAM 039 f", "QAT>ISR 039 f"]),
        ("[Russia|RUS] vowed to uphold [North Korea|PRK]'s security.", &["RUS>PRK 032 f"]),
        ("[Cuba|CUB] will visit [Russia|RUS] {next week}.", &["CUB>RUS 036 f"]),
        ("[Lavrov|RUS|p] is expected to depart for [China|CHN] {+Sunday}.", &["RUS>CHN 036 f"]),
        ("[Kim|PRK|p] plans to visit [Moscow|RUSL|l].", &["PRK>RUSL 036 f"]),
        ("[India|IND] and [China|CHN] agreed to strengthen ties.", &["IND>CHN 030 fs"]),
        ("[Vietnam|VNM] wants to deepen cooperation with [Laos|LAO].", &["VNM>LAO 030 f"]),
    ]);
}

#[test]
fn conflict_roots() {
    check(&[
        ("[The UN|UN|o] investigated [Syria|SYR] over the attack.", &["UN>SYR 090"]),
        ("[Brazil|BRA] launched an investigation into [Vale|VALE|o].", &["BRA>VALE 090"]),
        ("[Ukraine|UKR] demanded the withdrawal of [Russian|RUS|g] troops.", &["UKR>RUS 1056"]),
        ("[Iran|IRN] demanded [the US|USA] release the prisoners.", &["IRN>USA 1053"]),
        ("[China|CHN] criticized [Japan|JPN].", &["CHN>JPN 111"]),
        ("[China|CHN] sharply criticised [Japan|JPN] on {Monday}.", &["CHN>JPN 111"]),
        ("[The DPRK|PRK] condemned [the U.S.|USA] test-launch of an ICBM.", &["PRK>USA 111"]),
        ("[Seoul|KOR] denounced [Pyongyang|PRK].", &["KOR>PRK 111"]),
        ("[Russia|RUS] accused [Ukraine|UKR] of provocation.", &["RUS>UKR 1123"]),
        ("[Turkey|TUR] accused [Sweden|SWE] of harboring militants.", &["TUR>SWE 112"]),
        ("[The US|USA] blamed [Iran|IRN] for the attack.", &["USA>IRN 112"]),
        ("[China|CHN] summoned the ambassador of [Japan|JPN].", &["CHN>JPN 114"]),
        ("[Chevron|CHV|o] sued [Ecuador|ECU].", &["CHV>ECU 115"]),
        ("[Israel|ISR] rejected the proposal by [France|FRA].", &["ISR>FRA 125"]),
        ("[Hamas|HAM|g] rejected [Israel|ISR]'s demands.", &["HAM>ISR 124"]),
        ("[Russia|RUS] vetoed [the resolution|UNSC|o].", &["RUS>UNSC 129"]),
        ("[Iran|IRN] defied [the UN|UN|o].", &["IRN>UN 128"]),
        ("[North Korea|PRK] threatened [South Korea|KOR].", &["PRK>KOR 130"]),
        ("[The US|USA] threatened sanctions against [Turkey|TUR].", &["USA>TUR 1312"]),
        ("[Russia|RUS] warned [NATO|NATO|o] against expansion.", &["RUS>NATO 130"]),
        ("[Workers|FRA|g] protested against [the government|FRAGOV|o].", &["FRA>FRAGOV 141"]),
        ("[Thousands|HKG|g] marched in [Hong Kong|HKGL|l].", &["HKG>- 141"]),
        ("[China|CHN] deployed warships near [Taiwan|TWN].", &["CHN>- 154"]),
        ("[Russia|RUS] mobilized troops on the border with [Ukraine|UKR].", &["RUS>UKR 154"]),
        ("[North Korea|PRK] launched a missile toward [Japan|JPN].", &["PRK>JPN 150"]),
        ("[North Korea|PRK] test-fired a missile.", &["PRK>- 150"]),
        ("[Canada|CAN] cut ties with [Iran|IRN].", &["CAN>IRN 161"]),
        ("[Riyadh|SAU] recalled its ambassador from [Ottawa|CAN].", &["SAU>CAN 161"]),
        ("[Russia|RUS] expelled diplomats from [Estonia|EST].", &["RUS>EST 161"]),
        ("[The US|USA] imposed sanctions on [Russia|RUS].", &["USA>RUS 163"]),
        ("[The EU|EU|o] sanctioned [Belarus|BLR].", &["EU>BLR 163"]),
        ("[The US|USA] suspended aid to [Egypt|EGY].", &["USA>EGY 162"]),
        ("[Israel|ISR] suspended talks with [Hamas|HAM|g].", &["ISR>HAM 164"]),
        ("[Iran|IRN] seized a tanker of [Greece|GRC].", &["IRN>GRC 171"]),
        ("[Russia|RUS] arrested [an American journalist|USA|p].", &["RUS>USA 173"]),
        ("[Police|FRAPOL|o] detained [protesters|FRA|g].", &["FRAPOL>FRA 173"]),
        ("[Russia|RUS] annexed [Crimea|UKR].", &["RUS>UKR 192"]),
        ("[Rebels|COLREB|g] kidnapped [two aid workers|USA|p].", &["COLREB>USA 181"]),
        ("[Russia|RUS] attacked [Ukraine|UKR] on {Thursday}.", &["RUS>UKR 190"]),
        ("[Russia|RUS] invaded [Ukraine|UKR] in {2022}.", &["RUS>UKR 190"]),
        ("[Israeli|ISR|g] jets bombed [Gaza|PSE].", &["ISR>PSE 195"]),
        ("[Troops|IND|g] clashed with [Chinese soldiers|CHN|g].", &["IND>CHN 190 s"]),
        ("[Azerbaijan|AZE] violated the ceasefire with [Armenia|ARM].", &["AZE>ARM 196"]),
        ("[Syria|SYR] used chemical weapons against [rebels|SYRREB|g].", &["SYR>SYRREB 2041"]),
        ("[The militia|SDNMIL|g] massacred [villagers|SDN|g].", &["SDNMIL>SDN 202"]),
    ]);
}

#[test]
fn voice_negation_and_intent() {
    check(&[
        ("[Ukraine|UKR] was attacked by [Russia|RUS].", &["RUS>UKR 190"]),
        ("[The embassy|USA|o] was attacked by [militants|IRQREB|g] on {Sunday}.", &["IRQREB>USA 190"]),
        ("[Japan|JPN] was praised by [the UN|UN|o].", &["UN>JPN 051"]),
        ("[The journalist|USA|p] was arrested by [Russian police|RUS|o].", &["RUS>USA 173"]),
        ("[The envoy|IRN|p] was received by [Putin|RUS|p].", &["RUS>IRN 043"]),
        ("[Pakistan|PAK] was criticized by [India|IND] and [Afghanistan|AFG].", &["AFG>PAK 111", "IND>PAK 111"]),
        ("[Iran|IRN] did not attack [Iraq|IRQ].", &["IRN>IRQ 190 n"]),
        ("[Iran|IRN] didn't meet [Iraq|IRQ].", &["IRN>IRQ 040 ns"]),
        ("[Iran|IRN] never visited [Iraq|IRQ].", &["IRN>IRQ 042 n"]),
        ("[Iran|IRN] refused to meet [Iraq|IRQ].", &["IRN>IRQ 125"]),
        ("[Iran|IRN] has not recognized [Israel|ISR].", &["IRN>ISR 054 n"]),
        ("[Iran|IRN] threatened to attack [Israel|ISR].", &["IRN>ISR 1384 f"]),
        ("[Russia|RUS] vowed to retaliate against [NATO|NATO|o].", &["RUS>NATO 1384 f"]),
        ("[The US|USA] will impose sanctions on [Iran|IRN].", &["USA>IRN 1312 f"]),
        ("[The US|USA] plans to impose sanctions on [Iran|IRN].", &["USA>IRN 1312 f"]),
        ("[Kim|PRK|p] will visit [Russia|RUS].", &["PRK>RUS 036 f"]),
        ("[Kim|PRK|p] is to visit [Russia|RUS].", &["PRK>RUS 036 f"]),
        ("[China|CHN] is ready to provide aid to [Nepal|NPL].", &["CHN>NPL 033 f"]),
        ("[Japan|JPN] promised to lift sanctions on [Iran|IRN].", &["JPN>IRN 0354 f"]),
        ("[Kim|PRK|p] will always join hands with [Diaz-Canel|CUB|p].", &[]),
        ("[Kim|PRK|p] stressed his will to further develop relations with [Cuba|CUB].", &["PRK>CUB 030 fr"]),
        ("[Turkey|TUR] will not extradite [the cleric|USA|p].", &["TUR>USA 121"]),
        ("[Russia|RUS] expressed willingness to negotiate with [Ukraine|UKR].", &["RUS>UKR 036 f"]),
    ]);
}

#[test]
fn more_verbs_and_nominals() {
    check(&[
        ("[Ghana|GHA] resumed talks with [Togo|TGO] on {Monday}.", &["GHA>TGO 046 s"]),
        ("[Sudan|SDN] lifted the curfew in [Khartoum|SDNL|l].", &["SDN>SDNL 0813"]),
        (
            "[The union|FRAUNI|o] called off the strike after talks with [the government|FRAGOV|o].",
            &["FRAUNI>FRAGOV 040 s", "FRAUNI>FRAGOV 080"],
        ),
        ("[The prosecutor|ITA|p] opened an investigation into [the company|ACME|o].", &["ITA>ACME 090"]),
        ("[Peru|PER] complained to [the UN|UN|o] about the raid.", &["PER>UN 114"]),
        ("[Protesters|ALG|g] blocked roads in [Algiers|DZAL|l].", &["ALG>- 144"]),
        ("[Opposition activists|NPL|g] began a hunger strike.", &["NPL>- 142"]),
        ("[The UN|UN|o] withdrew its inspectors from [Iraq|IRQ].", &["UN>IRQ 1662"]),
        ("[France|FRA] cancelled a planned visit to [Haiti|HTI].", &["FRA>HTI 160"]),
        ("[The court|EGY|o] jailed [the blogger|EGYCIV|p].", &["EGY>EGYCIV 173"]),
        ("[Rebels|AFGREB|g] killed [two soldiers|AFG|g].", &["AFGREB>AFG 1823"]),
        ("[The army|MKD|o] launched an offensive against [the rebels|MKDREB|g].", &["MKD>MKDREB 190"]),
        ("[Denmark|DNK] accepted the demands of [the EU|EU|o].", &["DNK>EU 083"]),
        ("[Israel|ISR] has agreed to mediation by [the US|USA].", &["ISR>USA 038 f"]),
        ("The withdrawal of [Russian|RUS|g] troops from [Georgia|GEO] began {Monday}.", &[]),
        ("[Russia|RUS]'s withdrawal from [Georgia|GEO] began {Monday}.", &["RUS>GEO 087"]),
        ("[The minister|KEN|p] resigned on {Friday}.", &["KEN>- 0831"]),
        // Reduced relatives: the agent after "by" acts on the party after the pattern's preposition, or on the
        // noun the participle follows; never on the clause's subject.
        ("The sanctions imposed by [Canada|CAN] on [Russia|RUS] took effect.", &["CAN>RUS 163"]),
        ("Five [soldiers|AFGMIL|g] killed by [rebels|AFGREB|g] were buried.", &["AFGREB>AFGMIL 1823"]),
        ("[Iran|IRN] condemned the sanctions imposed by [the US|USA] on [Cuba|CUB].", &["IRN>USA 111", "USA>CUB 163"]),
        ("[Bashir|SDN|p] on {Thursday} shortened by one hour the curfew in [Khartoum|SDNL|l].", &["SDN>SDNL 0813"]),
        // Requests and demands take the sub-code of what is asked for (CAMEO 023x, 025x, 103x, 105x).
        ("[Ukraine|UKR] asked [the US|USA] for military aid.", &["UKR>USA 0232"]),
        ("[The UN|UN|o] called for humanitarian aid to [Yemen|YEM].", &["UN>YEM 0233"]),
        ("[Iran|IRN] demanded a ceasefire.", &["IRN>- 1056"]),
        ("[Sweden|SWE] dropped its investigation into [Assange|AUS|p].", &["SWE>AUS 080"]),
        ("[Jordan|JOR] closed its border with [Syria|SYR].", &["JOR>SYR 191"]),
        ("[Iran|IRN] voiced its condemnation of [Israel|ISR].", &["IRN>ISR 111"]),
        ("[Russia|RUS] warned of a military strike on [Ukraine|UKR].", &["RUS>UKR 138"]),
    ]);
}

#[test]
fn standing_relations_are_not_events() {
    let cases = [
        ("[Cuba|CUB] maintains close ties with [Iran|IRN].", "ties"),
        ("[The DPRK|PRK] also has diplomatic ties with [Palestine|PSE].", "ties"),
        ("[Russia|RUS] supports [Syria|SYR] in the war.", "support"),
        ("[North Korea|PRK] backs [the Syrian government|SYR|o] in the war.", "support"),
        ("[Cuba|CUB] has kept close ties with [Vietnam|VNM] for decades.", "ties"),
        ("[Castro|CUB|p] had enjoyed good relations with [Kim Il Sung|PRK|p].", "ties"),
        ("in accordance with the [North Korea|PRK]-[Russia|RUS] mutual defense treaty", "alliance"),
    ];
    for (markup, kind) in cases {
        let p = parse(markup);
        let span = Span::new(&p.text, 0, p.text.len()).unwrap();
        let coded = code_sentence(&p.text, &dyad_text::tokenize(&p.text, span), &p.actors, &p.times);
        assert!(coded.events.is_empty(), "{markup}: {:?}", coded.events);
        assert_eq!(coded.relations.len(), 1, "{markup}: {:?}", coded.relations);
        assert_eq!(coded.relations[0].kind, kind, "{markup}");
        let r = &coded.relations[0];
        assert_ne!(p.actors[r.a].actor_id, p.actors[r.b].actor_id);
    }
}

#[test]
fn time_location_and_evidence() {
    let p =
        parse("[A DPRK delegation|PRK|o] left for [Cuba|CUB] {Thursday} to attend a conference in [Havana|CUBL|l].");
    let span = Span::new(&p.text, 0, p.text.len()).unwrap();
    let coded = code_sentence(&p.text, &dyad_text::tokenize(&p.text, span), &p.actors, &p.times);
    assert_eq!(coded.events.len(), 1);
    let e = &coded.events[0];
    assert_eq!(e.code, "042");
    assert_eq!(e.time, Some(0));
    assert_eq!(e.location.map(|l| p.actors[l].name.as_str()), Some("Havana"));
    assert_eq!(e.evidence.slice(&p.text), Some("A DPRK delegation left for Cuba"));
    assert_eq!(e.pattern, "verbs:leave|for|-");
    let mention = crate::Mention {
        file: "x.txt".into(),
        sentence: 3,
        start: 0,
        end: p.text.len(),
        text: p.text.clone(),
        doc: None,
        evidence: None,
    };
    let record = e.to_record(&p.actors, &p.times, mention).unwrap();
    assert_eq!((record.code.as_str(), record.root.as_str(), record.quad_class), ("042", "04", 1));
    assert_eq!(record.source.country.as_deref(), Some("PRK"));
    assert_eq!(record.target.as_ref().and_then(|t| t.country.as_deref()), Some("CUB"));
    assert_eq!(record.location.as_ref().map(|l| l.name.as_str()), Some("Havana"));
    assert_eq!(record.date.as_ref().map(|d| d.when.to_string()).as_deref(), Some("2020-01-01"));
    assert_eq!(record.num_mentions, 1);
    assert_eq!(record.pattern, "verbs:leave|for|-");

    let p = parse("[Lavrov|RUS|p] arrived at [Wonsan|PRKL|l] on {Friday}, ahead of the opening on {July 1}.");
    let span = Span::new(&p.text, 0, p.text.len()).unwrap();
    let coded = code_sentence(&p.text, &dyad_text::tokenize(&p.text, span), &p.actors, &p.times);
    assert_eq!(coded.events[0].time, Some(0));

    let p = parse("[Kim|PRK|p] will visit [Russia|RUS] {+next week}.");
    let span = Span::new(&p.text, 0, p.text.len()).unwrap();
    let coded = code_sentence(&p.text, &dyad_text::tokenize(&p.text, span), &p.actors, &p.times);
    assert!(coded.events[0].flags.future);
}

#[test]
fn slots_outside_the_sentence_are_ignored() {
    let p = parse("[Iran|IRN] met [Iraq|IRQ]. [Syria|SYR] attacked.");
    let first = Span::new(&p.text, 0, p.text.find('.').unwrap() + 1).unwrap();
    let coded = code_sentence(&p.text, &dyad_text::tokenize(&p.text, first), &p.actors, &p.times);
    assert_eq!(coded.events.len(), 1);
    assert_eq!(coded.events[0].target, Some(1));
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn never_panics_and_indices_are_valid(
            words in proptest::collection::vec("[a-zA-Z]{1,8}|met|with|attacked|by|and|,|said|will|not|between|visit|to", 0..25),
            slot_picks in proptest::collection::vec(0usize..25, 0..6),
        ) {
            let text = words.join(" ");
            let span = Span::new(&text, 0, text.len()).unwrap();
            let tokens = dyad_text::tokenize(&text, span);
            let actors: Vec<ActorSlot> = slot_picks
                .iter()
                .filter_map(|&i| tokens.get(i))
                .enumerate()
                .map(|(k, t)| ActorSlot {
                    span: t.span,
                    actor_id: format!("A{k}"),
                    name: "x".into(),
                    code: None,
                    country: None,
                    kind: if k % 3 == 2 { SlotKind::Place } else { SlotKind::Country },
                })
                .collect();
            let coded = code_sentence(&text, &tokens, &actors, &[]);
            for e in &coded.events {
                prop_assert!(e.source < actors.len());
                prop_assert!(e.target.is_none_or(|t| t < actors.len() && t != e.source));
                prop_assert!(e.evidence.slice(&text).is_some());
            }
        }
    }
}

/// `DYAD_DEBUG='[Iran|IRN] met [Iraq|IRQ].' cargo test -p dyad-events debug_sentence -- --ignored --nocapture`
#[test]
#[ignore]
fn debug_sentence() {
    let markup = std::env::var("DYAD_DEBUG").unwrap_or_else(|_| "[Iran|IRN] met [Iraq|IRQ].".into());
    let p = parse(&markup);
    let span = Span::new(&p.text, 0, p.text.len()).unwrap();
    let tokens = dyad_text::tokenize(&p.text, span);
    let (analysis, matches) = crate::find_matches(&tokens);
    for i in 0..tokens.len() {
        println!(
            "{i:3} {:12} {:?} report={}",
            tokens.norm(i),
            dyad_text::lemma(tokens.norm(i)),
            analysis.report_cues.contains(&i)
        );
    }
    for m in &matches {
        println!("{m:?}");
    }
    println!("{:?}", code(&markup));
}

#[test]
fn clauses_participles_and_domestic_pairs() {
    check(&[
        // A clause opened by "after"/"before" with its own subject and finite verb is that subject's.
        (
            "The statement issued {Monday} came a day after [Lula|BRA|p] sent a message to [Macron|FRA|p].",
            &["BRA>FRA 010"],
        ),
        ("The talks ended {hours} before [Peru|PER|p] visited [Bolivia|BOL].", &["PER>BOL 042"]),
        // An attributive "visiting" sends the person it describes to the place the sentence is set in, or to the
        // host named beside them.
        (
            "[Erdogan|TUR|p] and his visiting Iraqi counterpart [Rashid|IRQ|p] watched a parade in [Ankara|TURL|l] \
             on {May 3, 2019}.",
            &["IRQ>TURL 042"],
        ),
        (
            "[Modi|IND|p] and the visiting [Japanese premier Kishida|JPN|p] toured a factory.",
            &["IND>- 042", "JPN>IND 042"],
        ),
        // Two actors of one country in a cooperative action come from a misattached role: not coded.
        ("[The Chilean people|CHL|g] extended support to [President Boric|CHL|p].", &["CHL>- 051"]),
        // Domestic conflict is still news.
        ("[Police|VEN|o] arrested [opposition leaders|VEN2|g].", &["VEN>VEN2 173"]),
        // A nominal framed by "amid"/"despite" is circumstance, not the subject's act.
        ("[Iran|IRN] sought closer ties with [Iraq|IRQ] amid an impasse in talks with [France|FRA].", &[]),
        // A non-restrictive relative clause without its own date recalls the past.
        ("[Ghana|GHA] thanked [Cuba|CUB], which sent doctors to [Angola|AGO].", &["GHA>CUB 051"]),
        // A time expression opening the sentence dates the main clause; one inside a longer fronted phrase does not.
        ("{In March 2016} [Obama|USA|p] visited [Cuba|CUB].", &["USA>CUB 042"]),
    ]);
}

#[test]
fn fronted_time_attaches_only_when_it_opens_the_clause() {
    let date_of = |markup: &str| {
        let p = parse(markup);
        let span = Span::new(&p.text, 0, p.text.len()).unwrap();
        let tokens = dyad_text::tokenize(&p.text, span);
        code_sentence(&p.text, &tokens, &p.actors, &p.times).events.iter().find(|e| e.target.is_some()).map(|e| e.time)
    };
    assert_eq!(date_of("{In March 2016} [Obama|USA|p] visited [Cuba|CUB]."), Some(Some(0)));
    assert_eq!(
        date_of("On the occasion of {the 50th anniversary}, [Kenya|KEN] sent greetings to [India|IND]."),
        Some(None)
    );
}

#[test]
fn domestic_pairs_keep_material_acts_and_drop_verbal_cooperation() {
    // Same country, different actors: the harness gives country = id, so the ids are split afterwards.
    let coded = |markup: &str| {
        let mut p = parse(markup);
        for (n, a) in p.actors.iter_mut().enumerate() {
            a.actor_id = format!("{}#{n}", a.actor_id);
            // "PERREB": a sector code's country is its root.
            a.country = code_country(a);
        }
        let span = Span::new(&p.text, 0, p.text.len()).unwrap();
        let tokens = dyad_text::tokenize(&p.text, span);
        code_sentence(&p.text, &tokens, &p.actors, &p.times)
            .events
            .iter()
            .filter(|e| e.target.is_some())
            .map(|e| e.code)
            .collect::<Vec<_>>()
    };
    assert_eq!(coded("[The Sudanese government|SDN|o] lifted the curfew on [Darfur residents|SDN|g]."), ["0813"]);
    assert_eq!(coded("[Police|VEN|o] arrested [opposition leaders|VEN|g]."), ["173"]);
    // In a sentence that names another state, a same-country verbal pair is a role on the wrong mention; in a
    // sentence about one state it can only be domestic politics, and a government and its rebels are news.
    assert!(coded("[The Chilean people|CHL|g] extended support to [President Boric|CHL|p] in [Peru|PER].").is_empty());
    assert_eq!(coded("[The Chilean people|CHL|g] extended support to [President Boric|CHL|p]."), ["051"]);
    assert_eq!(
        coded("[Rebels|PERREB|g] praised [Ecuador|ECU] and [the Peruvian government|PERGOV|o]."),
        ["051", "051"]
    );
    assert!(!coded("[The Chilean people|CHL|g] extended support to [President Milei|ARG|p].").is_empty());
}

#[test]
fn rejections_refusals_and_protests_take_the_codebooks_sub_code() {
    check(&[
        // What a refusal refuses names its sub-code.
        ("[Iran|IRN] refused to release the detained [Swedish|SWE] diplomat.", &["IRN>SWE 1243"]),
        ("[Japan|JPN] refused to ease sanctions on [Cuba|CUB].", &["JPN>CUB 1244"]),
        // A rejected request is coded by what it asks for.
        ("[Belarus|BLR] rejected demands from [Lithuania|LTU] for political reform.", &["BLR>LTU 123"]),
        ("[Japan|JPN] turned down a request from [Laos|LAO] for economic aid.", &["JPN>LAO 1221"]),
        // A protest takes the sub-code of its aim, after the predicate.
        (
            "[Armenian protesters|ARMCVL|g] rallied against [the government|ARMGOV|o] to demand its resignation.",
            &["ARMCVL>ARMGOV 1411"],
        ),
        (
            "[Iranian teachers|IRNLAB|g] went on strike against [the government|IRNGOV|o] for the right to unionise.",
            &["IRNLAB>IRNGOV 1433"],
        ),
        ("[Thai students|THACVL|g] rallied against [the government|THAGOV|o].", &["THACVL>THAGOV 141"]),
        ("A member of [the Kenyan parliament|KENLEG|o] marched in [Kenya|KEN].", &["KENLEG>KEN 141"]),
        // A blockade by a state's people is their protest, obstructing passage.
        ("[Polish farmers|POLAGR|g] blocked border crossings with [Ukraine|UKR].", &["POLAGR>UKR 144"]),
        ("[Polish troops|POLMIL|g] blocked border crossings with [Ukraine|UKR].", &["POLMIL>UKR 191"]),
        // A threatened act is a threat, even a cooperative one.
        ("[France|FRA] threatened to withdraw its troops from [Niger|NER].", &["FRA>NER 130 f"]),
        ("[Morocco|MAR] threatened to sever ties with [Spain|ESP].", &["MAR>ESP 1313 f"]),
        // Synonyms from PETRARCH-1's synsets.
        ("[Turkey|TUR] lambasted [Greece|GRC] on Monday.", &["TUR>GRC 111"]),
        ("[Russia|RUS] disregarded the ruling against [Ukraine|UKR].", &["RUS>UKR 128"]),
        ("[Israeli|ISR|g] jets targeted [Hezbollah|LBNREB|g] positions.", &["ISR>LBNREB 195"]),
        // An attack by military aircraft is aerial.
        ("[Israeli|ISR|g] warplanes attacked [Syria|SYR] on Monday.", &["ISR>SYR 195"]),
        ("[Russian|RUS|g] drones attacked [Ukraine|UKR] overnight.", &["RUS>UKR 1952"]),
        ("[Israeli|ISR|g] troops attacked [Syria|SYR] on Monday.", &["ISR>SYR 190"]),
        ("[Azerbaijani|AZE|g] artillery attacked [Armenian|ARM|g] positions.", &["AZE>ARM 194"]),
        ("A [Pakistani Taliban|PAKREB|g] suicide bomber attacked [Chinese|CHN|g] engineers.", &["PAKREB>CHN 1831"]),
    ]);
}

#[test]
fn refusals_obligations_conditions_and_preparations() {
    check(&[
        // A refusal is itself the event, coded by what was refused.
        ("[Chile|CHL] refused to attend talks with [Peru|PER].", &["CHL>PER 125"]),
        ("[Norway|NOR] declined to send aid to [Yemen|YEM].", &["NOR>YEM 122"]),
        ("[Mali|MLI] refused to lift the curfew imposed on [Gao|MLIL|l].", &["MLI>- 1241"]),
        ("[Ghana|GHA] will not accept the proposal from [Togo|TGO].", &["GHA>TGO 120"]),
        // An obligation inside reported speech is the speaker's demand of the obliged party, coded by the act it
        // demands where the dictionary knows it (withdrawing troops: 1056).
        ("[Canada|CAN] said [Iran|IRN] must release the detained sailors.", &["CAN>IRN 100 r"]),
        ("[Germany|DEU] said on {Monday} that [Serbia|SRB] should withdraw its troops.", &["DEU>SRB 1056 r"]),
        ("[The Vatican|VAT] said that [Chad|TCD] must hold elections.", &["VAT>TCD 100 r"]),
        ("[Spain|ESP] must pay the fine.", &[]),
        // An action announced under a condition is a threat.
        ("[Kenya|KEN] will withdraw its troops from [Somalia|SOM] unless it is paid.", &["KEN>SOM 130 f"]),
        ("[Fiji|FJI] would boycott the summit in [Samoa|WSM] unless the rules change.", &["FJI>- 1312 f"]),
        // What follows "unless" or "if" is the condition, not an event.
        ("[Iran|IRN] will meet [Oman|OMN] if [Qatar|QAT] agrees to mediate.", &["IRN>OMN 036 fs"]),
        // Readying an armed attack is a show of force.
        ("[The army|ARMMIL|g] prepared to shell [the rebels|ARMREB|g].", &["ARMMIL>ARMREB 150"]),
        ("[Peru|PER] prepared to visit [Chile|CHL].", &["PER>CHL 036 f"]),
        ("[Laos|LAO] refused to extradite [the activist|THA|p].", &["LAO>THA 121"]),
        ("[Cuba|CUB] refused to meet [Spain|ESP] {on Friday}.", &["CUB>ESP 125"]),
    ]);
}

#[test]
fn places_speakers_and_subjects() {
    check(&[
        // A protest, a coercive measure or an armed action with no named target is against the country it
        // happens in (a country, not a city).
        ("[Students|CHLEDU|g] demonstrated in [Chile|CHL] on {Sunday}.", &["CHLEDU>CHL 141"]),
        ("[Farmers|INDAGR|g] rioted at a market in northern [India|IND].", &["INDAGR>IND 145"]),
        ("[Farmers|INDAGR|g] marched in [Delhi|INDL|l].", &["INDAGR>- 141"]),
        ("[The government|TURGOV|o] imposed a curfew in the south of [Turkey|TUR].", &["TURGOV>TUR 1723"]),
        ("[Troops|NGAMIL|g] retook a town in northern [Mali|MLI].", &["NGAMIL>MLI 192"]),
        // A protest aimed nowhere takes the target of the protesters' own demand, which is its purpose (CAMEO's
        // "demonstrate for ..."), not an event of its own.
        (
            "[Workers|FRALAB|g] began a hunger strike to demand wages from [the company|FRABUS|o].",
            &["FRALAB>FRABUS 1422"],
        ),
        (
            "[Workers|FRALAB|g] began a hunger strike to demand wages from [the company|FRABUS|o].",
            &["FRALAB>FRABUS 1422"],
        ),
        (
            "[Kurds|IRQKUR|g] demonstrated in [Kirkuk|IRQL|l] calling for independence from [Iraq|IRQ].",
            &["IRQKUR>IRQ 141"],
        ),
        // The speaker of a report is never the target of what it reports.
        ("[Chad|TCD] attacked rebel positions, [Sudanese military|SDNMIL|g] sources said.", &["TCD>- 190 r"]),
        ("[Chad|TCD] clashed with fighters near the border, [Niger|NER] said.", &["TCD>- 190 rs"]),
        (
            "[Iran|IRN] gave food aid to [Yemen|YEM], the [World Food Programme|WFP|o] ([WFP|WFP|o]) said.",
            &["IRN>YEM 070 r"],
        ),
        // "X, said Y": the actor before the comma is the object, Y the speaker.
        ("[Iran|IRN] praised [Iraq|IRQ], said [IRNA|IRNA|m].", &["IRN>IRQ 051 r"]),
        // "NOUN in COUNTRY VERB": the country stands for the unnamed subject.
        ("Rebels in [Mali|MLI] rejected the appeal from [Niger|NER].", &["MLI>NER 124"]),
        ("Security forces in [Togo|TGO] detained [Ghanaian traders|GHA|g].", &["TGO>GHA 173"]),
        // A plural people before a present verb is its subject, not a noun modifier.
        ("The [Kurds|IRQKUR|g] reject the plan of [Turkey|TUR].", &["IRQKUR>TUR 127"]),
        // A base form after a determiner and a name is a noun: "a United Nations appeal".
        ("[Lebanon|LBN] rejected a [United Nations|UNO|o] appeal for calm.", &["LBN>UNO 124"]),
        ("[Turkey|TUR] rejected on {Monday} an [European Union|EU|o] call for talks.", &["TUR>EU 124"]),
        // "recent calls": a word after a verb and a modifier is a noun, the verb's object.
        ("[Poland|POL] rejected recent calls by [Belarus|BLR] for talks.", &["POL>BLR 124"]),
        ("[Rebels|MLIREB|g] killed ten people, the [UN|UNO|o] refugee agency reported.", &["MLIREB>- 1823 r"]),
        // A participle after a comma continues the previous predicate: the passive's agent is its subject. An
        // armed act's outcome ("killing ten people") is part of the act (`secondary.rs`); another act is not.
        (
            "A village of [Hutu farmers|RWACVL|g] was raided by [militiamen|CODUAF|g], killing ten people.",
            &["CODUAF>RWACVL 190"],
        ),
        (
            "A village of [Hutu farmers|RWACVL|g] was raided by [militiamen|CODUAF|g], abducting ten people.",
            &["CODUAF>RWACVL 181", "CODUAF>RWACVL 190"],
        ),
        (
            "A village of [Hutu farmers|RWACVL|g] was raided by [militiamen|CODUAF|g], arresting ten people.",
            &["CODUAF>RWACVL 173", "CODUAF>RWACVL 190"],
        ),
        // A circumstance phrase ("despite X") holds no party of the event.
        ("[Egypt|EGY] agreed to the plan despite [Israel|ISR]'s objection.", &["EGY>- 030 fs"]),
    ]);
}

#[test]
fn vocabulary_across_roots() {
    check(&[
        ("[Israel|ISR] lifted the blockade on [Gaza|PSE].", &["ISR>PSE 0872"]),
        ("[Sudan|SDN] relaxed the curfew in [Darfur|SDNL|l].", &["SDN>SDNL 0813"]),
        ("[Italy|ITA] announced a suspension of flights with [Libya|LBY].", &["ITA>LBY 160 r"]),
        ("[Japan|JPN] suspended air links with [Russia|RUS].", &["JPN>RUS 161"]),
        ("[France|FRA] recalled its ambassador from [Mali|MLI].", &["FRA>MLI 161"]),
        ("[Sweden|SWE] froze aid to [Somalia|SOM].", &["SWE>SOM 162"]),
        ("[Norway|NOR] is providing satellite images to [Ukraine|UKR].", &["NOR>UKR 070"]),
        ("[Ghana|GHA] deployed peacekeepers in [Liberia|LBR].", &["GHA>LBR 074"]),
        ("[Chad|TCD] deployed troops to [Niger|NER].", &["TCD>NER 154"]),
        ("[Brazil|BRA] granted asylum to [the Bolivian senator|BOL|p].", &["BRA>BOL 075"]),
        ("[Kenya|KEN] and [Uganda|UGA] agreed upon a trade pact.", &["KEN>UGA 030 fs"]),
        ("[Cuba|CUB] dismissed the demand of [the United States|USA].", &["CUB>USA 124"]),
        ("[Russia|RUS] vetoed the resolution drafted by [France|FRA].", &["RUS>FRA 129"]),
        ("[Rebels|COLREB|g] blew up a pipeline owned by [Ecuador|ECU].", &["COLREB>ECU 1712"]),
        ("[The army|MMRMIL|g] recaptured the town from [the rebels|MMRREB|g].", &["MMRMIL>MMRREB 192"]),
        ("[Nigeria|NGA] declared a curfew in [Kano|NGAL|l].", &["NGA>NGAL 1723"]),
        ("[Dockers|GBRLAB|g] stopped work over pay.", &["GBRLAB>- 1432"]),
        ("[Armenia|ARM] evacuated two border posts and a base in [Azerbaijan|AZE].", &["ARM>AZE 087"]),
        ("[Syrian refugees|SYRREF|g] sought asylum in [Sweden|SWE].", &["SYRREF>SWE 0233"]),
        ("[Nurses|KENHLH|g] walked out of hospitals in [Kenya|KEN].", &["KENHLH>KEN 143"]),
    ]);
}

#[test]
fn failures_agreements_agentless_passives_and_attack_nouns() {
    check(&[
        // A failed cooperative act is a rejection; a failed attack stays a negated attack.
        ("[Chile|CHL] and [Peru|PER] failed to reach an agreement.", &["CHL>PER 120"]),
        ("[Russia|RUS] failed to attack [Georgia|GEO].", &["RUS>GEO 190 n"]),
        ("[Chile|CHL] and [Peru|PER] failed to agree on a border.", &["CHL>PER 120"]),
        ("[Chile|CHL] failed to send aid to [Peru|PER].", &["CHL>PER 070 n"]),
        // "X and Y agreed to ...": a mutual promise; with an object the partner is the object.
        ("[Peru|PER] and [Chile|CHL] agreed to share intelligence.", &["PER>CHL 0314 fs"]),
        ("[Peru|PER] agreed to share intelligence with [Chile|CHL].", &["PER>CHL 0314 f"]),
        // An arrest or investigation with no agent is by the state where it happens.
        ("[A Peruvian journalist|PER|p] was arrested in [Bolivia|BOL].", &["BOL>PER 173"]),
        ("A journalist from [Lima|PER|l] was detained in [Bolivia|BOL] on {Monday}.", &["BOL>PER 173"]),
        ("[A French banker|FRA|p] has been put under investigation in [Monaco|MCO].", &["MCO>FRA 090"]),
        ("[A Peruvian journalist|PER|p] was arrested by [police|BOLCOP|o] in [Bolivia|BOL].", &["BOLCOP>PER 173"]),
        ("[A Peruvian journalist|PER|p] was praised in [Bolivia|BOL].", &[]),
        // An attack noun as subject: the attack is by the side of the country it happens in.
        ("A car bombing in [Mosul|IRQ|l] killed [two Turkish engineers|TUR|g].", &["IRQ>TUR 1823"]),
        ("A roadside bombing near the town of [Kandahar|AFG|l] killed [a Canadian soldier|CAN|p].", &["AFG>CAN 1823"]),
        ("A storm in [Mosul|IRQ|l] killed [two Turkish engineers|TUR|g].", &[]),
        // Protesters named only by a common noun are the people of the place.
        ("Prisoners rioted at a jail in [Kenya|KEN] on {Monday}.", &["KEN>- 145"]),
        ("[Kenyan students|KEN|g] rioted in [Nairobi|KENNBO|l].", &["KEN>- 145"]),
        ("A member of [the Kenyan parliament|KENLEG|o] marched in [Kenya|KEN].", &["KENLEG>KEN 141"]),
        ("Students from [the Kenyan opposition|KENOPP|g] marched in [Kenya|KEN].", &["KENOPP>KEN 141"]),
        // Two coordinated verbs share the first one's subject, not the object between them.
        (
            "[Rebels|COLREB|g] killed [two soldiers|COLMIL|g] and wounded [a policeman|COLCOP|p].",
            &["COLREB>COLCOP 182", "COLREB>COLMIL 1823"],
        ),
        // An armed action in a foreign city is against that city's country; in one's own, against no one named.
        ("[Syrian troops|SYR|g] shelled positions near the town of [Qusayr|LBN|l].", &["SYR>LBN 194"]),
        ("[Syrian troops|SYR|g] shelled positions near the town of [Homs|SYR|l].", &["SYR>- 194"]),
        // A place attacked stands for its country; a place where fighting happens is no target.
        ("[Israel|ISR] began an invasion of [South Lebanon|LBN|l].", &["ISR>LBN 190"]),
        ("[Israeli planes|ISR|g] bombed [Gaza City|PSE|l].", &["ISR>PSE 195"]),
        ("[Chad|TCD] praised [Gaza City|PSE|l].", &["TCD>- 051"]),
        ("[Rebels|SDNREB|g] killed three herders north of [Nyala|SDN|l].", &["SDNREB>- 1823"]),
        // A relative clause between commas is an aside: the main verb's subject is the actor before it.
        ("[Syria|SYR], which attacked [Israel|ISR] in {1973}, condemned [Egypt|EGY].", &["SYR>EGY 111", "SYR>ISR 190"]),
        ("[Egypt|EGY], which [Israel|ISR] attacked, condemned [Libya|LBY].", &["EGY>LBY 111"]),
        // A relative clause after the verb is no aside of that verb: its parties stay.
        ("[Syria|SYR] condemned [Egypt|EGY], which attacked [Libya|LBY].", &["SYR>EGY 111"]),
        // A subject named only by its allegiance ("affiliated with", "loyal to") is that side.
        ("Workers affiliated with [the Kenyan union|KENLAB|o] went on strike.", &["KENLAB>- 143"]),
        ("Gunmen loyal to [the Iraqi government|IRQGOV|o] attacked [Syria|SYR].", &["IRQGOV>SYR 190"]),
        ("Workers went on strike with [Kenyan|KEN] support.", &[]),
        // A name in commas after a possessed subject noun is the subject; a list after one is not.
        ("[Kenya|KEN]'s neighbour, [Uganda|UGA], attacked [Sudan|SDN].", &["UGA>SDN 190"]),
        ("[Kenya|KEN]'s neighbour attacked [Sudan|SDN], [Chad|TCD] said.", &["KEN>SDN 190 r"]),
    ]);
}

/// The country of a slot's code (`PER` for `PERREB`), as the actors stage gives it.
fn code_country(slot: &ActorSlot) -> Option<String> {
    slot.actor_code().and_then(|c| c.country().map(str::to_string))
}

/// The record's target when the candidate names none: the source's own state for a state's coercion at home.
fn home_targets(markup: &str) -> Vec<(String, Option<String>)> {
    record_parties(markup).into_iter().map(|(code, _, target)| (code, target)).collect()
}

#[test]
fn a_states_coercion_at_home_targets_its_own_country() {
    let home = |c: &str| (c.to_string(), Some("EGY".to_string()));
    assert_eq!(home_targets("[Egyptian police|EGYCOP|o] opened fire on Monday."), [home("190")]);
    assert_eq!(home_targets("[The Egyptian government|EGYGOV|o] lifted the curfew."), [home("0813")]);
    // The legislature is one of the state's organs as the government is.
    assert_eq!(home_targets("[The Egyptian parliament|EGYLEG|o] lifted the curfew."), [home("0813")]);
    // Not for rebels or soldiers fighting, nor for a named target.
    assert_eq!(home_targets("[Rebels|EGYREB|g] opened fire on Monday."), [("190".to_string(), None)]);
    assert_eq!(home_targets("[The army|EGYMIL|o] opened fire on Monday."), [("190".to_string(), None)]);
    assert_eq!(
        home_targets("[Egyptian police|EGYCOP|o] arrested [two Libyans|LBY|g]."),
        [("173".to_string(), Some("LBY".to_string()))]
    );
}

#[test]
fn a_resignation_yields_at_home_when_no_other_state_is_named() {
    let home = home_targets("[The Egyptian prime minister|EGYGOV|p] resigned.");
    assert_eq!(home, [("0831".to_string(), Some("EGY".to_string()))]);
}

#[test]
fn protests_in_a_city_of_the_protesters_own_country() {
    assert_eq!(
        home_targets("[Kurds|IRQETH|g] demonstrated in the city of [Kirkuk|IRQ|l]."),
        [("141".to_string(), Some("IRQ".to_string()))]
    );
    assert_eq!(home_targets("[Chilean students|CHL|g] marched in [Paris|FRA|l]."), [("141".to_string(), None)]);
}

#[test]
fn peacekeepers_moving_in_provide_protection() {
    check(&[
        ("[Ghanaian peacekeeping troops|GHA|g] arrived in [Lebanon|LBN].", &["GHA>LBN 074"]),
        ("[UN|IGO|o] peacekeepers will arrive in [Mali|MLI] next week.", &["IGO>MLI 0334 f"]),
        // Other troops and envoys keep the movement's own code.
        ("[Chinese troops|CHN|g] arrived in [Mali|MLI].", &["CHN>MLI 042"]),
        ("[The UN envoy|IGO|p] arrived in [Mali|MLI] to visit peacekeepers.", &["IGO>MLI 042"]),
    ]);
}

#[test]
fn a_place_taken_as_a_party_is_reported_as_its_state() {
    let p = parse("A car bombing in [Mosul|IRQMOS|l] killed [two Turkish engineers|TUR|g].");
    let mut actors = p.actors.clone();
    actors[0].country = Some("IRQ".into());
    let span = Span::new(&p.text, 0, p.text.len()).unwrap();
    let tokens = dyad_text::tokenize(&p.text, span);
    let mention = crate::Mention { file: "t".into(), ..Default::default() };
    let records: Vec<_> = code_sentence(&p.text, &tokens, &actors, &p.times)
        .events
        .iter()
        .filter_map(|e| e.to_record(&actors, &p.times, mention.clone()))
        .collect();
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(records[0].source.id, "IRQ");
    assert_eq!(records[0].location.as_ref().map(|l| l.name.as_str()), Some("Mosul"));
}

#[test]
fn allowing_political_activity_eases_restrictions() {
    check(&[
        ("[The court|ZMBJUD|o] allowed [the opposition|ZMBOPP|g] to contest the vote.", &["ZMBJUD>ZMBOPP 0811"]),
        ("[Police|ZMBCOP|o] permitted [the opposition|ZMBOPP|g] to hold a rally.", &["ZMBCOP>ZMBOPP 0811"]),
        ("[The court|ZMBJUD|o] allowed [candidate Banda|ZMBOPP|p] to stand.", &["ZMBJUD>ZMBOPP 0811"]),
        ("[The court|ZMBJUD|o] allowed [Banda|ZMBOPP|p] to leave.", &[]),
        // Letting a plane land is no political freedom.
        ("[Zambia|ZMB] allowed [the Angolan plane|AGO|g] to land.", &[]),
    ]);
}

#[test]
fn a_perfect_auxiliary_is_no_standing_relation() {
    check(&[
        ("[Chile|CHL] has established diplomatic ties with [Fiji|FJI].", &["CHL>FJI 054 s"]),
        ("[Chile|CHL] has also established diplomatic ties with [Fiji|FJI].", &["CHL>FJI 054 s"]),
        // Possession is the standing relation itself, with or without a perfect.
        ("[Chile|CHL] has close ties with [Fiji|FJI].", &[]),
        ("[Chile|CHL] has had ties with [Fiji|FJI] for years.", &[]),
    ]);
}

#[test]
fn a_bare_preposition_before_a_coordinator_shares_the_next_complement() {
    check(&[
        ("[Chile|CHL] established diplomatic ties with and opened an embassy in [Fiji|FJI].", &["CHL>FJI 054 s"]),
        // A preposition with its own complement raises nothing.
        (
            "[Chile|CHL] established diplomatic ties with [Peru|PER] and opened an embassy in [Fiji|FJI].",
            &["CHL>PER 054 s"],
        ),
    ]);
}

#[test]
fn a_purpose_infinitive_acts_on_the_destination() {
    check(&[
        ("[Norway|NOR] sent experts to [Chad|TCD] {on Monday} to investigate the killings.", &["NOR>TCD 090"]),
        // A place left behind is no destination.
        ("[Norway|NOR] recalled experts from [Chad|TCD] to investigate the killings.", &["NOR>- 090"]),
    ]);
}

#[test]
fn a_protest_in_a_home_city_is_against_its_own_authorities() {
    check(&[
        ("[Kurds|IRQ|g] demonstrated in [Kirkuk|IRQ|l] {on Sunday}.", &["IRQ>IRQ 141"]),
        // Abroad, the city names only where it was.
        ("[Kurds|IRQ|g] demonstrated in [Lyon|FRA|l] {on Sunday}.", &["IRQ>- 141"]),
    ]);
}

#[test]
fn yielding_force_posture_and_assault_verb_senses() {
    check(&[
        ("[The rebels|SDNREB|g] laid down their arms.", &["SDNREB>- 0873"]),
        ("[The rebels|SDNREB|g] laid a wreath.", &["SDNREB>- 017"]),
        ("[The president|ZWEGOV|p] stepped down.", &["ZWEGOV>- 0831"]),
        ("[Police|PAKCOP|o] stepped up patrols.", &["PAKCOP>- 153"]),
        ("[Ethiopia|ETH] reopened the border crossing with [Eritrea|ERI].", &["ETH>ERI 0872"]),
        ("[The guerrillas|COLREB|g] retreated from [Venezuela|VEN].", &["COLREB>VEN 0874"]),
        ("[Gunmen|COLREB|g] stabbed [a judge|COLJUD|p].", &["COLREB>COLJUD 182"]),
        // Opening an inquiry is no easing of a blockade.
        ("[Ethiopia|ETH] opened an inquiry into [Eritrea|ERI].", &["ETH>ERI 090"]),
    ]);
}

#[test]
fn aid_given_or_cut_off_abroad_is_for_the_country_it_is_delivered_in() {
    check(&[
        ("[France|FRA] suspended aid to the refugee camps in [Goma|COD|l].", &["FRA>COD 162"]),
        ("[France|FRA] suspended aid {on Monday}.", &["FRA>- 162"]),
        // At home, the city is no recipient.
        ("[France|FRA] suspended aid to the shelters in [Lyon|FRA|l].", &["FRA>- 162"]),
    ]);
}

#[test]
fn a_boycott_of_a_meeting_abroad_is_not_against_its_host() {
    check(&[("[Fiji|FJI] boycotted the summit in [Samoa|WSM].", &["FJI>- 163"])]);
}

#[test]
fn a_mediation_between_two_parties_is_the_subject_s_act() {
    check(&[
        (
            "[Qatar|QAT] launched a mediation effort between [Chad|TCD] and [Sudan|SDN].",
            &["QAT>TCD 045", "QAT>SDN 045"],
        ),
        // With no subject, the pair is all the sentence names.
        ("A mediation between [Chad|TCD] and [Sudan|SDN] resumed {on Monday}.", &["TCD>SDN 045 s"]),
    ]);
}

// --- Codebook-wide vocabulary (verbs.tsv, nominal_events.tsv and lemmas.tsv additions): one sentence per added
// sense, written from the CAMEO codebook's wording, plus sentences in which the same words must code nothing.

#[test]
fn statements_and_appeals_across_the_codebook() {
    check(&[
        ("[Iran|IRN] refused to comment on the report.", &["IRN>- 011 r"]),
        ("[Germany|DEU] voiced doubts about the plan.", &["DEU>- 012"]),
        ("[Japan|JPN] admitted responsibility for the incident.", &["JPN>- 015"]),
        ("[Egypt|EGY] called for a ceasefire in [Gaza|PSE|l].", &["EGY>- 0256"]),
        ("[Mali|MLI] called for the release of [French hostages|FRA|g].", &["MLI>FRA 0253"]),
        ("[The opposition|KENOPP|g] pleaded with [the president|KENGOV|p] for calm.", &["KENOPP>KENGOV 020"]),
        ("[Iran|IRN] implored [the UN|IGOUNO|o] to act.", &["IRN>IGOUNO 020"]),
        ("[Turkey|TUR] sought the extradition of the cleric from [the United States|USA].", &["TUR>USA 0213"]),
        ("[Chad|TCD] sought mediation by [the African Union|IGOAFU|o].", &["TCD>IGOAFU 028"]),
    ]);
}

#[test]
fn intent_consult_and_diplomatic_cooperation_senses() {
    check(&[
        ("[Iran|IRN] promised retaliation against [Israel|ISR].", &["IRN>ISR 138"]),
        ("[Putin|RUSGOV|p] spoke with [Erdogan|TURGOV|p] by phone.", &["RUSGOV>TURGOV 041 s"]),
        ("[Norway|NOR] brokered a deal between [Israel|ISR] and [the PLO|PSE|o].", &["NOR>ISR 045", "NOR>PSE 045"]),
        ("[India|IND] and [China|CHN] began negotiations on the border.", &["IND>CHN 046 s"]),
        ("[Kenya|KEN] paid tribute to [Tanzania|TZA].", &["KEN>TZA 051"]),
        ("[Iran|IRN] and [Egypt|EGY] restored diplomatic ties.", &["IRN>EGY 054 s"]),
        ("[Japan|JPN] offered an apology to [South Korea|KOR].", &["JPN>KOR 055"]),
        ("[Russia|RUS] ratified the treaty with [Belarus|BLR].", &["RUS>BLR 057"]),
        ("[Israel|ISR] and [Jordan|JOR] sealed a deal on water.", &["ISR>JOR 057 s"]),
        ("[Kenya|KEN] and [Uganda|UGA] hammered out an accord.", &["KEN>UGA 057 s"]),
    ]);
}

#[test]
fn material_cooperation_aid_and_yielding_senses() {
    check(&[
        ("[France|FRA] trained Malian troops in [Mali|MLI].", &["FRA>MLI 062"]),
        ("[Spain|ESP] handed over the suspect to [France|FRA].", &["ESP>FRA 063"]),
        ("[Iraq|IRQ] exported oil to [Jordan|JOR].", &["IRQ>JOR 061"]),
        ("[Japan|JPN] extended a loan to [Vietnam|VNM].", &["JPN>VNM 071"]),
        ("[Germany|DEU] airlifted food to [Sudan|SDN].", &["DEU>SDN 073"]),
        ("[The government|THAGOV|o] caved in.", &["THAGOV>- 080"]),
        ("[The president|EGYGOV|p] quit his post.", &["EGYGOV>- 0831"]),
        ("[The junta|MMRGOV|o] lifted the state of emergency.", &["MMRGOV>- 0814"]),
        ("[Israel|ISR] returned the bodies of [Palestinian fighters|PSE|g].", &["ISR>PSE 0841"]),
        ("[The rebels|COLREB|g] freed two captives.", &["COLREB>- 0841"]),
        ("[The EU|IGOEU|o] dropped sanctions against [Belarus|BLR].", &["IGOEU>BLR 085"]),
        ("[Syria|SYR] admitted the inspectors.", &["SYR>- 0862"]),
        ("[Russia|RUS] halted its offensive.", &["RUS>- 087"]),
        ("[Hamas|PSEREB|g] and [Israel|ISR] observed a truce.", &["PSEREB>ISR 0871 s"]),
    ]);
}

#[test]
fn investigation_demand_disapproval_and_rejection_senses() {
    check(&[
        ("[The ICC|IGOICC|o] investigated war crimes in [Darfur|SDN|l].", &["IGOICC>- 094"]),
        ("[Iraq|IRQ] set up an inquiry into the bombing.", &["IRQ>- 090"]),
        ("[Ukraine|UKR] issued a demand to [Russia|RUS].", &["UKR>RUS 100"]),
        ("[China|CHN] rebuked [Japan|JPN].", &["CHN>JPN 111"]),
        ("[Iran|IRN] lashed out at [Saudi Arabia|SAU].", &["IRN>SAU 111"]),
        ("[Beijing|CHN] expressed outrage at [Washington|USA].", &["CHN>USA 111"]),
        ("[A court|EGYJUD|o] sentenced [the activist|EGYCVL|p] to five years.", &["EGYJUD>EGYCVL 116"]),
        ("[Iran|IRN] spurned [the EU|IGOEU|o] offer.", &["IRN>IGOEU 120"]),
        ("[Serbia|SRB] denied access to [the inspectors|IGOUNO|g].", &["SRB>IGOUNO 1245"]),
        ("[Russia|RUS] withdrew from the treaty with [the United States|USA].", &["RUS>USA 120"]),
    ]);
}

#[test]
fn threat_protest_force_posture_and_reduced_relations_senses() {
    check(&[
        ("[Iran|IRN] vowed revenge against [Israel|ISR].", &["IRN>ISR 138"]),
        ("[Workers|ZAFLAB|g] began a hunger strike.", &["ZAFLAB>- 142"]),
        ("[The opposition|VENOPP|g] boycotted the election.", &["VENOPP>- 143"]),
        ("[Protesters|PSE|g] threw stones at [Israeli soldiers|ISRMIL|g].", &["PSE>ISRMIL 145"]),
        ("[Russia|RUS] stationed troops in [Belarus|BLR].", &["RUS>BLR 154"]),
        ("[North Korea|PRK] tested a ballistic missile.", &["PRK>- 150"]),
        ("[Canada|CAN] broke ties with [Iran|IRN].", &["CAN>IRN 161"]),
        ("[The EU|IGOEU|o] froze the assets of [Russian officials|RUSGOV|g].", &["IGOEU>RUSGOV 163"]),
        ("[The opposition|VENOPP|g] walked out of talks with [the government|VENGOV|o].", &["VENOPP>VENGOV 164"]),
    ]);
}

#[test]
fn coercion_assault_fight_and_mass_violence_senses() {
    check(&[
        ("[Soldiers|ISRMIL|g] bulldozed [Palestinian|PSE|g] homes.", &["ISRMIL>PSE 1712"]),
        ("[Police|EGYCOP|o] rounded up [activists|EGYCVL|g].", &["EGYCOP>EGYCVL 173"]),
        ("[Police|IRNCOP|o] cracked down on [protesters|IRNOPP|g].", &["IRNCOP>IRNOPP 175"]),
        ("[Police|KENCOP|o] fired tear gas at [demonstrators|KENOPP|g].", &["KENCOP>KENOPP 175"]),
        ("[Rebels|NGAREB|g] took [two engineers|GBR|g] hostage.", &["NGAREB>GBR 181"]),
        ("[Police|ZWECOP|o] beat up [opposition supporters|ZWEOPP|g].", &["ZWECOP>ZWEOPP 182"]),
        ("[Gunmen|COLREB|g] murdered [a judge|COLJUD|p].", &["COLREB>COLJUD 1823"]),
        ("[Insurgents|AFGREB|g] ambushed [an Afghan army convoy|AFGMIL|g].", &["AFGREB>AFGMIL 190"]),
        ("[Israel|ISR] carried out airstrikes on [Gaza|PSE|l].", &["ISR>PSE 195"]),
        ("[Troops|UKRMIL|g] opened fire on [Russian soldiers|RUSMIL|g].", &["UKRMIL>RUSMIL 190"]),
        ("[Israel|ISR] launched a drone strike on [Lebanon|LBN].", &["ISR>LBN 1952"]),
        ("[Azerbaijani|AZE|g] forces besieged [Stepanakert|ARM|l].", &["AZE>ARM 191"]),
        ("[The army|SYRMIL|o] slaughtered [villagers|SYRCVL|g].", &["SYRMIL>SYRCVL 202"]),
        ("[Syria|SYR] used sarin against [rebels|SYRREB|g].", &["SYR>SYRREB 2041"]),
        ("[Russia|RUS]'s annexation of [Crimea|UKR|l] drew condemnation.", &["RUS>UKR 192"]),
    ]);
}

#[test]
fn the_new_words_code_nothing_in_ordinary_prose() {
    check(&[
        // Sports and employment senses of "beat" and "fire".
        ("[Brazil|BRA] beat [Argentina|ARG] 2-1 in the final.", &[]),
        ("[The club|ESP|o] fired the coach.", &[]),
        // The month, not a march; a topic, not a hostage-taking.
        ("[The minister|GBRGOV|p] held talks in March.", &["GBRGOV>- 040 s"]),
        ("[Iran|IRN] held talks on the hostage crisis with [Iraq|IRQ].", &["IRN>IRQ 040 s"]),
        // "close" and "present" as adjectives, "start" with no talks, a budget presented.
        ("[Protesters|UKR|g] gathered close to the border with [Russia|RUS].", &[]),
        ("[The minister|GBRGOV|p] presented the budget.", &[]),
        ("[The minister|GBRGOV|p] said he would start work on Monday.", &[]),
        // A test that is a noun, a station that is a place, a sentence that is a noun.
        ("[Iran|IRN] condemned the nuclear test.", &["IRN>- 111"]),
        ("[Officials|PAKGOV|g] met at a police station in [Lahore|PAK|l].", &["PAKGOV>- 040 s"]),
        ("[The judge|USAJUD|p] read the sentence aloud.", &[]),
        // An exiled leader and a run for office are not expulsions or bans.
        ("[The exiled leader|ZWEOPP|p] lives in exile in [London|GBR|l].", &[]),
        ("[Turkey|TUR] bought the land from [Greek owners|GRC|g] in 1990.", &["TUR>GRC 061"]),
    ]);
}

/// The (code, source country, target country) of each record the sentence codes.
fn record_parties(markup: &str) -> Vec<(String, Option<String>, Option<String>)> {
    let p = parse(markup);
    let span = Span::new(&p.text, 0, p.text.len()).unwrap();
    let tokens = dyad_text::tokenize(&p.text, span);
    let mention = crate::Mention { file: "t".into(), ..Default::default() };
    let mut actors = p.actors.clone();
    for a in &mut actors {
        a.country = code_country(a);
    }
    code_sentence(&p.text, &tokens, &actors, &p.times)
        .events
        .iter()
        .filter_map(|e| e.to_record(&actors, &p.times, mention.clone()))
        .map(|r| (r.code, r.source.country, r.target.and_then(|t| t.country)))
        .collect()
}

#[test]
fn an_agentless_legal_act_on_a_states_own_people_is_by_that_state() {
    let event = |c: &str, s: &str, t: &str| (c.to_string(), Some(s.to_string()), Some(t.to_string()));
    assert_eq!(
        record_parties("[Two Brazilian police officers|BRACOP|o] were charged with bribery on Friday."),
        [event("173", "BRA", "BRA")]
    );
    assert_eq!(
        record_parties("The scandal led to criminal charges against [a Korean defence official|KORGOV|o]."),
        [event("173", "KOR", "KOR")]
    );
    // A place names the state that acts; civilians named by a nationality are as often abroad as at home.
    assert_eq!(
        record_parties("[Two Nigerian soldiers|NGAMIL|o] were charged with desertion in [Chad|TCD|l]."),
        [event("173", "TCD", "NGA")]
    );
    assert!(record_parties("[Three Americans|USACVL|g] were arrested on Monday.").is_empty());
    // With another state in the sentence, whose courts act is not known.
    assert!(
        record_parties("[Two Nigerian soldiers|NGAMIL|o] were charged with desertion after [Chad|TCD] complained.")
            .iter()
            .all(|e| e.0 != "173")
    );
}

#[test]
fn a_purpose_clause_after_the_object_holds_no_target() {
    let coded = record_parties("[Russia|RUS] blocked the aid convoy in an attempt to force [Ukraine|UKR] to withdraw.");
    assert!(coded.iter().all(|e| e.2.is_none()), "{coded:?}");
}

#[test]
fn a_verb_coordinated_with_an_asked_for_act_is_asked_for_too() {
    let coded = record_parties(
        "[Beijing|CHN] wants [Trump|USAGOV|p] to lift the tariffs, as well as provide food to [Japan|JPN].",
    );
    assert!(coded.iter().all(|e| !e.0.starts_with("07")), "{coded:?}");
    // The appeal takes its specific code from what is asked for first: lifting tariffs (0254).
    assert!(coded.iter().any(|e| e.0 == "0254"), "{coded:?}");
}

#[test]
fn an_armed_verb_whose_object_is_a_legal_contest_is_no_fighting() {
    let coded = record_parties("[The Australian activist|AUS|p] is battling extradition to [the United States|USA].");
    assert!(coded.iter().all(|e| !e.0.starts_with("19")), "{coded:?}");
    assert!(!record_parties("[Mali|MLI] is battling [rebels|MLIREB|g] in the north.").is_empty());
}

#[test]
fn an_unspecified_code_takes_the_sub_code_of_what_the_act_is_about() {
    check(&[
        // A rejection by what is rejected, after the verb or, in a passive, before it.
        ("[Eritrea|ERI] turned down a [Sudanese|SDN] appeal for food aid.", &["ERI>SDN 1223"]),
        ("[Ethiopia|ETH] rebuffed [Kenyan|KEN] mediation efforts.", &["ETH>KEN 126"]),
        ("[Kyiv|UKR]'s request for fighter jets was rejected by [Washington|USA].", &["USA>UKR 1222"]),
        // An accusation by its offence; a warning by what it threatens.
        ("[Mexico|MEX] blamed [American|USA] gun makers for arms trafficking.", &["MEX>USA 1121"]),
        ("[Pyongyang|PRK] warned [Seoul|KOR] of a military response.", &["PRK>KOR 138"]),
        // No cue: the unspecified code stays; a cue of another root changes nothing.
        ("[Israel|ISR] rejected [Iranian|IRN] accusations of espionage.", &["ISR>IRN 016"]),
    ]);
}

#[test]
fn an_act_the_warner_says_it_could_do_is_threatened() {
    check(&[
        ("[Algeria|DZA] warned that it would recall its ambassador from [France|FRA].", &["DZA>FRA 1313 f"]),
        ("[Germany|DEU] warned it could suspend aid to [Niger|NER].", &["DEU>NER 1311 f"]),
    ]);
}

#[test]
fn an_act_a_warning_says_others_could_do_is_threatened() {
    check(&[(
        "[Turkey|TUR] warned that [Turkish|TUR] troops could seize [Syrian|SYR] territory.",
        &["TUR>SYR 1382 f"],
    )]);
}

#[test]
fn codebook3b_classes_warnings_rejections_riots_and_weapons() {
    check(&[
        // A warning with its addressee and a time before "that" still threatens the act it says could be done.
        (
            "[Israel|ISR] warned [Hezbollah|LBN|g] on {Tuesday} that [the Israeli army|ISR|g] could strike [Beirut|LBN].",
            &["ISR>LBN 130", "ISR>LBN 1384 f"],
        ),
        ("[Israel|ISR] warned [Lebanon|LBN] that it could strike [Beirut|LBN].", &["ISR>LBN 130", "ISR>LBN 1384 f"]),
        // A rejected call for reform is a rejected demand for reform; a rejected call for talks stays 124.
        ("[Myanmar|MMR] rejected [Thai|THA] calls for a return to civilian rule.", &["MMR>THA 1234"]),
        // An attempted assassination is 185.
        ("[Ukrainian|UKR|g] agents tried to assassinate [a Russian general|RUSMIL|p].", &["UKR>RUSMIL 185"]),
        // Force used by a state's people at home is a riot.
        ("[Kyrgyz rioters|KGZOPP|g] attacked [the police|KGZCOP|o].", &["KGZOPP>KGZCOP 145"]),
        // Not across a border.
        ("[Kyrgyz rioters|KGZOPP|g] attacked [Tajik|TJK|g] border guards.", &["KGZOPP>TJK 190"]),
        // A killing by tank fire is the artillery attack.
        ("[Israeli|ISR|g] tank fire killed two [Lebanese|LBN|g] soldiers.", &["ISR>LBN 194"]),
        // "The N of X by Y": the agent after "by" in the noun phrase acts; not a time after "by".
        ("The deportation of [Haitian|HTI|g] migrants by [the Dominican Republic|DOM] went on.", &["DOM>HTI 174"]),
        ("The deportation of [Haitian|HTI|g] migrants by Friday went on.", &[]),
    ]);
}
