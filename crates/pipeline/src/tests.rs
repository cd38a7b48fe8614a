use super::*;
use dyad_page::Block;

fn article(file: &str, page: &str, paragraphs: &[&str]) -> Article {
    let body = paragraphs
        .iter()
        .map(|p| {
            let start = page.find(p).expect("paragraph is in the page");
            Block { text: p.to_string(), start, end: start + p.len() }
        })
        .collect();
    Article::from_body(file, body)
}

/// `text` as one tokenised sentence.
fn whole(text: &str) -> TokenizedSentence {
    let span = Span::new(text, 0, text.len()).expect("the whole text is a span");
    TokenizedSentence { index: 0, span, tokens: dyad_text::tokenize(text, span) }
}

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

#[test]
fn meeting_is_dated_by_its_weekday_and_cites_file_offsets() {
    let para = "Russian Foreign Minister Sergey Lavrov met Chinese Foreign Minister Wang Yi in Beijing on Monday.";
    let page = format!("MENU | HOME | WORLD\n\n{para}\n\nComments");
    let coded = Coder::new().code(&article("t.txt", &page, &[para]), day(2024, 3, 13));
    let event = coded.events.iter().find(|e| e.root == "04").expect("a consult event");
    let countries = [event.source.country.as_deref(), event.target.as_ref().and_then(|t| t.country.as_deref())];
    assert!(countries.contains(&Some("RUS")) && countries.contains(&Some("CHN")), "{countries:?}");
    assert_eq!(event.date.as_ref().map(|d| d.when.to_string()).as_deref(), Some("2024-03-11"));
    let m = &event.mentions[0];
    assert_eq!(&page[m.start..m.end], para);
    // The evidence is the part of the sentence that carries the event: inside it, with the predicate.
    let evidence = m.evidence.expect("coded events cite their evidence");
    assert!(m.start <= evidence.start() && evidence.end() <= m.end && evidence.end() > evidence.start());
    assert!(page[evidence.start()..evidence.end()].contains(" met "), "{:?}", &page[evidence.start()..evidence.end()]);
    assert!(evidence.end() - evidence.start() < para.len());
    assert!(coded.mentions.iter().all(|m| page.get(m.start..m.end) == Some(m.mention.text.as_str())));
}

#[test]
fn undated_clause_takes_the_publication_date_and_old_dates_are_historical() {
    let para = "France and Germany signed a treaty in 1963. Germany condemned the attack on France.";
    let coded = Coder::new().code(&article("h.txt", para, &[para]), day(2023, 1, 22));
    let treaty = coded.events.iter().find(|e| e.date.as_ref().is_some_and(|d| d.when.to_string() == "1963"));
    assert!(treaty.is_some_and(|e| e.flags.historical), "{:?}", coded.events);
    let reported = coded.events.iter().find(|e| e.root == "11").expect("a disapprove event");
    assert!(!reported.flags.historical);
}

#[test]
fn an_act_told_in_the_present_keeps_the_day_not_an_earlier_year_of_its_clause() {
    // (sentence, the date of its event on a page of 2021-06-30)
    let table = [
        ("Norway has suspended aid to Chile over a bribe paid in 2011.", "2021-06-30"),
        ("Peru is suing Spain over the sinking of a ship in 1998.", "2021-06-30"),
        ("Norway suspended aid to Chile in 2011.", "2011"),
        ("Peru has sued Spain this week.", "2021-06-28/2021-06-30"),
    ];
    for (text, date) in table {
        let coded = Coder::new().code(&article("p.txt", text, &[text]), day(2021, 6, 30));
        let dates: Vec<_> = coded.events.iter().filter_map(|e| e.date.as_ref().map(|d| d.when.to_string())).collect();
        assert_eq!(dates, [date], "{text}");
    }
}

#[test]
fn an_undated_lead_takes_the_day_the_next_sentences_give() {
    // (page of Wednesday 2021-06-30, the date of its aid suspension)
    let table = [
        ("Norway has suspended aid to Chile. The minister announced the decision on Monday.", "2021-06-28"),
        ("Norway suspended aid to Chile. The minister spoke in Oslo. She left on Monday.", "2021-06-28"),
        // Named too late, more than a week earlier, or for a planned act: the publication date stays.
        ("Norway suspended aid to Chile. The minister spoke. She left. He stayed on Monday.", "2021-06-30"),
        ("Norway has suspended aid to Chile. The two states signed a deal on June 2.", "2021-06-30"),
    ];
    for (text, date) in table {
        let coded = Coder::new().code(&article("l.txt", text, &[text]), day(2021, 6, 30));
        let aid = coded.events.iter().find(|e| e.root == "16").expect(text);
        assert_eq!(aid.date.as_ref().map(|d| d.when.to_string()).as_deref(), Some(date), "{text}");
    }
}

#[test]
fn without_an_anchor_relative_dates_keep_their_span_but_no_value() {
    let text = "He arrived on Friday. The two countries established ties on 5 May 1990.";
    let found = anchor_free(text, &whole(text));
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(&text[found[0].span.start()..found[0].span.end()], "on Friday");
    assert!(found[0].value.is_none(), "a relative date has no value without an anchor");
    assert!(found[1].value.is_some(), "a written date resolves the same whatever the anchor");
    let doc = "An open-ended strike on Monday.";
    let slots = time_slots(None, doc, &whole(doc));
    assert_eq!(slots.len(), 1);
    assert!(slots[0].value.is_none() && !slots[0].future);
    assert_eq!(slots[0].span.start(), doc.find("on Monday").unwrap());
}

#[test]
fn narrative_is_the_first_day_of_the_latest_sentence_and_skips_anniversaries() {
    let slot = |value: SlotTime| TimeSlot {
        span: Span::new("ab", 0, 1).unwrap(),
        value: Some(value),
        basis: "t".into(),
        future: false,
        earlier: false,
    };
    let d = |y, m, dd| DateValue::day(y, m, dd).unwrap();
    let first = narrative_of(&[slot(SlotTime::Date(d(2022, 5, 3))), slot(SlotTime::Date(d(2022, 5, 2)))]);
    assert_eq!(first.map(|e| e.when.to_string()), Some("2022-05-03".to_string()));
    let year = narrative_of(&[slot(SlotTime::Date(DateValue::year(2022).unwrap()))]);
    assert!(year.is_none(), "a year is background, not a narrative day");
    // A later sentence that dates nothing at day precision leaves the earlier narrative in force.
    let para1 = "Brazil's foreign minister visited Argentina on Tuesday, a day after Chile sent a message to Peru.";
    let para2 = "Brazil's foreign minister also met Argentine President Javier Milei.";
    let page = format!("{para1}\n\n{para2}");
    let coded = Coder::new().code(&article("n.txt", &page, &[para1, para2]), day(2024, 3, 14));
    let met = coded.events.iter().find(|e| e.mentions[0].sentence == 1 && e.root == "04");
    if let Some(met) = met {
        assert_eq!(met.date.as_ref().map(|d| d.when.to_string()).as_deref(), Some("2024-03-12"), "{met:?}");
    }
}

#[test]
fn media_sector_mentions_are_outlets() {
    let para = "Kenya sent a message to Uganda expressing support, Xinhua news agency reported.";
    let coded = Coder::new().code(&article("m.txt", para, &[para]), day(2024, 3, 14));
    assert!(
        coded.events.iter().all(|e| e.target.as_ref().and_then(|t| t.country.as_deref()) != Some("CHN")),
        "{:?}",
        coded.events
    );
}

#[test]
fn a_state_organ_alone_acts_on_its_own_state() {
    // Government, legislature, judiciary, police and military are a state's organs (`Sector::is_state`): one of
    // them alone in a sentence can ease or impose restrictions on its own state.
    for (para, source) in [
        ("The Egyptian parliament lifted the curfew on Monday.", "EGYLEG"),
        ("The Egyptian government lifted the curfew on Monday.", "EGYGOV"),
    ] {
        let coded = Coder::new().code(&article("s.txt", para, &[para]), day(2024, 3, 14));
        let pairs: Vec<_> = coded
            .events
            .iter()
            .map(|e| (e.root.as_str(), e.source.code.as_deref(), e.target.as_ref().and_then(|t| t.code.as_deref())))
            .collect();
        assert_eq!(pairs, [("08", Some(source), Some("EGY"))], "{para}");
    }
    // Not an organ of the state: no event without a target.
    let para = "Egyptian students lifted the curfew on Monday.";
    assert!(Coder::new().code(&article("s.txt", para, &[para]), day(2024, 3, 14)).events.is_empty());
}

#[test]
fn an_undated_weekday_dates_no_event_and_a_labour_strike_on_it_is_no_attack() {
    let para = "Egypt hosted the Sudanese foreign minister in Cairo on Monday.";
    let coded = Coder::new().code(&article("u.txt", para, &[para]), None);
    let hosted = coded.events.iter().find(|e| e.root == "04").expect("a consult event");
    assert!(hosted.date.is_none(), "{:?}", hosted.date);
    let dated = Coder::new().code(&article("d.txt", para, &[para]), day(2024, 5, 15));
    assert!(dated.events.iter().any(|e| e.date.as_ref().is_some_and(|d| d.when.to_string() == "2024-05-13")));
    for text in [
        "Nigerian unions began an open-ended strike on Monday, a day after Ghana accused Nigeria of smuggling.",
        "French unions held a general strike on Tuesday, a day after Germany criticized France.",
    ] {
        for anchor in [None, day(2024, 5, 15)] {
            let coded = Coder::new().code(&article("s.txt", text, &[text]), anchor);
            assert!(coded.events.iter().all(|e| e.root != "19"), "{text}: {:?}", coded.events);
        }
    }
    let text = "Israel's strikes on Gaza intensified overnight.";
    let coded = Coder::new().code(&article("g.txt", text, &[text]), None);
    assert!(coded.events.iter().any(|e| e.code == "195"), "{:?}", coded.events);
}

#[test]
fn a_day_after_the_publication_date_dates_only_what_is_yet_to_come() {
    // (page of Wednesday 2021-06-30, the date of its aid suspension)
    let table = [
        // A narrative day in the future does not date a later act told as done or going on.
        ("The two states will meet on July 9. Norway suspended aid to Chile.", "2021-06-30"),
        ("The two states will meet on July 9. Norway is suspending aid to Chile.", "2021-06-30"),
        // One in the past does.
        ("The two states met on June 29. Norway suspended aid to Chile.", "2021-06-29"),
    ];
    for (text, date) in table {
        let coded = Coder::new().code(&article("f.txt", text, &[text]), day(2021, 6, 30));
        let aid = coded.events.iter().find(|e| e.root == "16").expect(text);
        assert_eq!(aid.date.as_ref().map(|d| d.when.to_string()).as_deref(), Some(date), "{text}");
    }
}

#[test]
fn an_act_told_in_the_present_is_not_dated_by_an_earlier_narrative_day() {
    // (page of Wednesday 2021-06-30, the date of its aid suspension)
    let table = [
        ("The two states met on June 2. Norway is suspending aid to Chile.", "2021-06-30"),
        ("The two states met on June 2. Norway has suspended aid to Chile.", "2021-06-30"),
        // A recent day, or an act told in the past, keeps the narrative date.
        ("The two states met on June 25. Norway is suspending aid to Chile.", "2021-06-25"),
        ("The two states met on June 2. Norway suspended aid to Chile.", "2021-06-02"),
    ];
    for (text, date) in table {
        let coded = Coder::new().code(&article("n.txt", text, &[text]), day(2021, 6, 30));
        let aid = coded.events.iter().find(|e| e.root == "16").expect(text);
        assert_eq!(aid.date.as_ref().map(|d| d.when.to_string()).as_deref(), Some(date), "{text}");
    }
}
