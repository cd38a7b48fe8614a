use super::*;
use crate::DropReason;
use proptest::prelude::*;
use std::collections::HashMap;
use std::io::Read;

fn page(body: &str) -> String {
    format!("<!DOCTYPE html><html lang=\"en\"><head><title>T</title></head><body>{body}</body></html>")
}

const PARA: &str =
    "The foreign ministers met on Thursday in Havana, and they agreed to expand trade, cooperation and visits.";

#[test]
fn smoke() {
    let a = extract_html("x.html", &page(&format!("<article><p>{PARA}</p></article>"))).unwrap();
    assert_eq!(a.body.len(), 1);
    assert_eq!(a.body[0].text, PARA);
    assert_eq!(a.language, "en");
}

fn shingles(t: &str) -> HashMap<Vec<&str>, i64> {
    let toks: Vec<&str> = t.split_whitespace().collect();
    let mut m = HashMap::new();
    if toks.is_empty() {
        return m;
    }
    if toks.len() < 4 {
        *m.entry(toks).or_insert(0) += 1;
        return m;
    }
    for w in toks.windows(4) {
        *m.entry(w.to_vec()).or_insert(0) += 1;
    }
    m
}

fn shingle_counts(pred: &str, gold: &str) -> (i64, i64, i64) {
    let (a, b) = (shingles(pred), shingles(gold));
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for (s, c) in &a {
        let d = *b.get(s).unwrap_or(&0);
        tp += (*c).min(d);
        fp += (c - d).max(0);
    }
    for (s, c) in &b {
        fn_ += (c - *a.get(s).unwrap_or(&0)).max(0);
    }
    (tp, fp, fn_)
}

fn zyte_dir() -> Option<std::path::PathBuf> {
    let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/bench/article-extraction"));
    dir.is_dir().then(|| dir.to_path_buf())
}

fn zyte_pages(limit: usize) -> Vec<(String, String, String)> {
    let Some(dir) = zyte_dir() else { return Vec::new() };
    let gt: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("ground-truth.json")).unwrap()).unwrap();
    let mut out = Vec::new();
    for (k, v) in gt.as_object().unwrap().iter().take(limit) {
        let f = std::fs::File::open(dir.join(format!("html/{k}.html.gz"))).unwrap();
        let mut b = Vec::new();
        flate2::read::GzDecoder::new(f).read_to_end(&mut b).unwrap();
        out.push((
            k.clone(),
            String::from_utf8_lossy(&b).into_owned(),
            v["articleBody"].as_str().unwrap_or("").to_string(),
        ));
    }
    out
}

fn body_text(a: &Result<crate::Article, crate::PageError>) -> String {
    a.as_ref().map(|a| a.body.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n")).unwrap_or_default()
}

#[test]
fn zyte_sample_scores_above_floor() {
    let pages = zyte_pages(25);
    if pages.is_empty() {
        println!("skipped: ../shared/bench/article-extraction not found");
        return;
    }
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for (k, html, gold) in &pages {
        let a = extract_html(k, html);
        if let Ok(a) = &a {
            for b in a.body.iter().chain(&a.captions) {
                assert!(
                    html.is_char_boundary(b.start)
                        && html.is_char_boundary(b.end)
                        && b.start < b.end
                        && b.end <= html.len()
                );
            }
        }
        let (t, f, n) = shingle_counts(&body_text(&a), gold);
        tp += t;
        fp += f;
        fn_ += n;
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    let f1 = 2.0 * p * r / (p + r).max(1e-9);
    println!("zyte sample of {}: P {p:.3} R {r:.3} F1 {f1:.3}", pages.len());
    assert!(f1 > 0.85, "F1 {f1:.3}");
}

/// The full Zyte run with the worst pages, for development: `cargo test -p dyad-page --release -- --ignored zyte_full --nocapture`.
#[test]
#[ignore]
fn zyte_full_report() {
    let pages = zyte_pages(usize::MAX);
    if pages.is_empty() {
        return;
    }
    let pages: Vec<_> = match std::env::var("ZYTE_SHOW") {
        Ok(id) => pages.into_iter().filter(|p| p.0.starts_with(&id)).collect(),
        Err(_) => pages,
    };
    let repeat: usize = std::env::var("ZYTE_REPEAT").ok().and_then(|r| r.parse().ok()).unwrap_or(1);
    let t0 = std::time::Instant::now();
    for _ in 1..repeat {
        for (k, h, _) in &pages {
            std::hint::black_box(extract_html(k, h).ok());
        }
    }
    let outs: Vec<_> = pages.iter().map(|(k, h, _)| extract_html(k, h)).collect();
    let secs = t0.elapsed().as_secs_f64() / repeat as f64;
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    let mut worst = Vec::new();
    for ((k, _, gold), a) in pages.iter().zip(&outs) {
        let (t, f, n) = shingle_counts(&body_text(a), gold);
        tp += t;
        fp += f;
        fn_ += n;
        let p = t as f64 / (t + f).max(1) as f64;
        let r = t as f64 / (t + n).max(1) as f64;
        let note = match a {
            Ok(a) => format!("{} blocks, title {:?}", a.body.len(), a.title),
            Err(e) => format!("error {e}"),
        };
        worst.push((2.0 * p * r / (p + r).max(1e-9), p, r, format!("{k} {note}"), f + n));
    }
    worst.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap());
    for w in worst.iter().take(25) {
        println!("{:.3} P {:.3} R {:.3} err {} {}", w.0, w.1, w.2, w.4, w.3);
    }
    let p = tp as f64 / (tp + fp) as f64;
    let r = tp as f64 / (tp + fn_) as f64;
    if let Ok(id) = std::env::var("ZYTE_SHOW") {
        for ((k, h, gold), a) in pages.iter().zip(&outs) {
            if k.starts_with(&id) {
                println!("GOLD: {}\n---", &gold[..gold.len().min(1500)]);
                if let Ok(a) = a {
                    for b in &a.body {
                        println!("[{}..{}] {}", b.start, b.end, b.text);
                    }
                    for d in &a.dropped {
                        println!(
                            "DROP {:?} {}..{} {:?}",
                            d.reason,
                            d.start,
                            d.end,
                            h.get(d.start..d.end.min(d.start + 120))
                        );
                    }
                }
            }
        }
    }
    println!("ZYTE P {p:.3} R {r:.3} F1 {:.3}  {:.0} pages/s", 2.0 * p * r / (p + r), pages.len() as f64 / secs);
}

#[test]
fn links_inside_a_paragraph_stay_in_one_block() {
    let p = "<p id=\"speakable-summary\"><a href=\"https://x.test/\">WeWork</a> is reportedly being investigated by the New York State Attorney General. According to <a href=\"https://y.test/a\">Reuters</a>, the questions include if the founder and former CEO engaged in self-dealing, which he denies.</p>";
    let html = page(&format!("<article>{p}<p>{PARA}</p></article>"));
    let a = extract_html("x.html", &html).unwrap();
    for b in &a.body {
        println!("{:?}", b);
    }
    assert_eq!(a.body.len(), 2);
    assert!(a.body[0].text.starts_with("WeWork is reportedly"));
    assert_eq!(&html[a.body[0].start..a.body[0].end], p);
}

fn dropped_reason_of(a: &crate::Article, html: &str, needle: &str) -> Option<DropReason> {
    let at = html.find(needle)?;
    a.dropped.iter().filter(|d| d.start <= at && at < d.end).min_by_key(|d| d.end - d.start).map(|d| d.reason)
}

#[test]
fn metadata_title_outlet_and_date() {
    let html = format!(
        "<html><head><title>Ministers meet in Havana | Example Times</title>\
         <meta property=\"og:site_name\" content=\"Example Times\">\
         <meta property=\"og:title\" content=\"Ministers meet in Havana\">\
         <meta property=\"article:published_time\" content=\"2017-04-28T09:30:00+09:00\">\
         <meta property=\"article:modified_time\" content=\"2017-05-02T09:30:00+09:00\">\
         </head><body><h1>Ministers meet in Havana</h1><article><p>{PARA}</p></article></body></html>"
    );
    let a = extract_html("m.html", &html).unwrap();
    assert_eq!(a.title.as_deref(), Some("Ministers meet in Havana"));
    assert_eq!(a.outlet.as_deref(), Some("Example Times"));
    let p = a.published.unwrap();
    assert_eq!(p.date.to_string(), "2017-04-28");
    assert_eq!(p.basis, "metadata");
    assert!(p.evidence.contains("article:published_time"), "{}", p.evidence);
}

#[test]
fn json_ld_news_article() {
    let html = format!(
        "<html><head><title>x</title><script type=\"application/ld+json\">\
         {{\"@context\":\"https://schema.org\",\"@graph\":[{{\"@type\":\"WebSite\",\"name\":\"Site\"}},\
         {{\"@type\":\"NewsArticle\",\"headline\":\"Talks in Havana\",\"datePublished\":\"2018-11-05\",\
         \"dateModified\":\"2018-12-01\",\"publisher\":{{\"@type\":\"Organization\",\"name\":\"Daily Example\"}}}}]}}\
         </script></head><body><div class=\"story\"><p>{PARA}</p></div></body></html>"
    );
    let a = extract_html("j.html", &html).unwrap();
    assert_eq!(a.outlet.as_deref(), Some("Daily Example"));
    assert_eq!(a.title.as_deref(), Some("Talks in Havana"));
    let p = a.published.unwrap();
    assert_eq!(p.date.to_string(), "2018-11-05");
    assert!(p.evidence.starts_with("JSON-LD"));
}

#[test]
fn broken_json_ld_is_ignored() {
    let html = format!(
        "<html><head><script type=\"application/ld+json\">{{\"@type\": [[[[</script></head><body><p>{PARA}</p></body></html>"
    );
    let a = extract_html("b.html", &html).unwrap();
    assert!(a.published.is_none());
}

#[test]
fn time_element_url_and_byline_dates() {
    let time = page(&format!(
        "<article><time datetime=\"2019-11-18T23:30:00-05:00\" pubdate>Nov 18</time><p>{PARA}</p></article>"
    ));
    let p = extract_html("t.html", &time).unwrap().published.unwrap();
    assert_eq!((p.date.to_string().as_str(), p.basis.as_str()), ("2019-11-18", "time element"));

    let url = format!(
        "<html><head><link rel=\"canonical\" href=\"https://news.example/2020/03/04/talks-resume/\"></head><body><p>{PARA}</p></body></html>"
    );
    let p = extract_html("u.html", &url).unwrap().published.unwrap();
    assert_eq!((p.date.to_string().as_str(), p.basis.as_str()), ("2020-03-04", "url"));

    let byline = page(&format!(
        "<div class=\"byline\">By A. Writer | Published April 28, 2017</div><article><p>{PARA}</p></article>"
    ));
    let a = extract_html("y.html", &byline).unwrap();
    let p = a.published.clone().unwrap();
    assert_eq!((p.date.to_string().as_str(), p.basis.as_str()), ("2017-04-28", "byline"));
    assert_eq!(dropped_reason_of(&a, &byline, "By A. Writer"), Some(DropReason::Metadata));

    let none = page(&format!("<p>{PARA}</p>"));
    assert!(extract_html("n.html", &none).unwrap().published.is_none());
}

#[test]
fn date_parsers() {
    let cases = [
        ("2017-04-28T09:30:00Z", Some("2017-04-28")),
        ("2017/04/28", Some("2017-04-28")),
        ("20170428", Some("2017-04-28")),
        ("2018-11", Some("2018-11")),
        ("Fri, 28 Apr 2017 09:30:00 GMT", Some("2017-04-28")),
        ("April 28th, 2017", Some("2017-04-28")),
        ("28.04.2017", Some("2017-04-28")),
        ("2017-02-30", None),
        ("yesterday", None),
        ("1066-10-14", None),
    ];
    for (s, want) in cases {
        assert_eq!(meta::parse_date(s).map(|d| d.to_string()).as_deref(), want, "{s}");
    }
    assert_eq!(
        meta::url_date("https://x.example/2019/11/18/story").map(|d| d.to_string()).as_deref(),
        Some("2019-11-18")
    );
    assert_eq!(meta::url_date("https://x.example/2019/11/story").map(|d| d.to_string()).as_deref(), Some("2019-11"));
    assert_eq!(meta::url_date("https://x.example/story-12345678"), None);
}

#[test]
fn captions_are_kept_apart_once() {
    let html = page(&format!(
        "<article><figure><img src=\"a.jpg\"><figcaption>Foreign ministers in Havana. (Photo: Agency)</figcaption></figure>\
         <p>{PARA}</p><figure><figcaption>Foreign ministers in Havana. (Photo: Agency)</figcaption></figure>\
         <div class=\"wp-caption-text\">A second photo of the talks.</div></article>"
    ));
    let a = extract_html("c.html", &html).unwrap();
    assert_eq!(a.body.len(), 1);
    let caps: Vec<&str> = a.captions.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(caps, vec!["Foreign ministers in Havana. (Photo: Agency)", "A second photo of the talks."]);
    assert!(a.dropped.iter().any(|d| d.reason == DropReason::DuplicateCaption));
    for c in &a.captions {
        assert!(html[c.start..c.end].contains(&c.text[..10]));
    }
}

#[test]
fn dropped_regions_have_reasons() {
    let html = page(&format!(
        "<nav><a href=\"/\">Home</a><a href=\"/world\">World news</a></nav>\
         <header class=\"site-header\">Example Times logo text</header>\
         <div class=\"breadcrumb\"><a href=\"/\">You are here: Home</a></div>\
         <article><p>{PARA}</p><p>{PARA} Again.</p>\
         <div class=\"share-buttons\">Share on social media</div>\
         <script>var tracking = 'analytics code';</script>\
         <ul class=\"tags\"><li>diplomacy tag</li></ul></article>\
         <aside>Most read stories today</aside>\
         <div id=\"comments\"><p>Reader comment saying something long enough to look like a real paragraph here.</p></div>\
         <footer>Copyright 2017 Example Times. All rights reserved.</footer>"
    ));
    let a = extract_html("d.html", &html).unwrap();
    assert_eq!(a.body.len(), 2, "{:?}", a.body);
    let want = [
        ("World news", DropReason::Navigation),
        ("logo text", DropReason::Header),
        ("You are here", DropReason::Breadcrumb),
        ("Share on social", DropReason::Related),
        ("analytics code", DropReason::Markup),
        ("diplomacy tag", DropReason::Tags),
        ("Most read", DropReason::Related),
        ("Reader comment", DropReason::Comments),
        ("All rights", DropReason::Footer),
    ];
    for (needle, reason) in want {
        assert_eq!(dropped_reason_of(&a, &html, needle), Some(reason), "{needle}");
    }
    assert_eq!(a.outlet.as_deref(), Some("Example Times"));
    // Kept and dropped regions never overlap.
    for b in &a.body {
        assert!(a.dropped.iter().all(|d| d.end <= b.start || d.start >= b.end), "{b:?}");
    }
}

#[test]
fn nesting_ten_thousand_deep_does_not_overflow() {
    let deep = format!("{}<p>{PARA}</p>{}", "<div>".repeat(10_000), "</div>".repeat(10_000));
    let a = extract_html("deep.html", &page(&deep)).unwrap();
    assert_eq!(a.body[0].text, PARA);
    let unclosed = format!("<p>{PARA}</p>{}", "<span><b>".repeat(10_000));
    assert!(extract_html("open.html", &page(&unclosed)).is_ok());
    let table = "<table><tr><td>".repeat(5_000);
    let _ = extract_html("table.html", &page(&table));
}

#[test]
fn page_of_only_scripts_has_no_article() {
    let html = "<html><head><script>var a = 'lots of text, commas, and more text that is long';</script></head>\
                <body><script>document.write('x, y, z and a long string of words here');</script><style>p{color:red}</style></body></html>";
    assert_eq!(extract_html("s.html", html), Err(PageError::NoArticle));
    assert_eq!(extract_html("e.html", "   "), Err(PageError::Empty));
}

#[test]
fn entities_are_decoded_in_blocks() {
    let html = page(
        "<article><p>AT&amp;T and Ko&#231; said &ldquo;yes&rdquo; &mdash; talks&nbsp;resume, it&#x2019;s agreed, in &lt;Ankara&gt;.</p></article>",
    );
    let a = extract_html("ent.html", &html).unwrap();
    assert_eq!(
        a.body[0].text,
        "AT&T and Ko\u{e7} said \u{201c}yes\u{201d} \u{2014} talks resume, it\u{2019}s agreed, in <Ankara>."
    );
}

#[test]
fn offsets_land_on_multibyte_text() {
    let para = "Le ministre a déclaré jeudi à Genève que les négociations reprendront, selon l’agence — c’est acquis.";
    let html = page(&format!(
        "<article><p>{para}</p><p>Ещё один абзац текста, достаточно длинный, чтобы его сохранить, да.</p></article>"
    ));
    let a = extract_html("fr.html", &html).unwrap();
    assert_eq!(a.body.len(), 2);
    for b in &a.body {
        assert!(html.is_char_boundary(b.start) && html.is_char_boundary(b.end) && b.end <= html.len());
        assert!(html[b.start..b.end].starts_with("<p>"));
    }
    assert_eq!(a.body[0].text, para);
}

proptest! {
    #[test]
    fn never_panics_and_offsets_stay_valid(parts in proptest::collection::vec(
        prop_oneof![
            Just("<p>".to_string()), Just("</p>".to_string()), Just("<div class=\"content\">".to_string()),
            Just("</div>".to_string()), Just("<a href='x'>".to_string()), Just("</a>".to_string()),
            Just("<script>".to_string()), Just("</script>".to_string()), Just("<!--".to_string()), Just("-->".to_string()),
            Just("&amp;".to_string()), Just("&#x1F600;".to_string()), Just("<".to_string()), Just(">".to_string()),
            Just("<br/>".to_string()), Just("<figcaption>".to_string()), Just("<nav>".to_string()),
            "[a-zA-Zéß—, .]{0,40}", "\\PC{0,12}",
        ], 0..60)) {
        let html: String = parts.concat();
        if let Ok(a) = extract_html("p.html", &html) {
            for b in a.body.iter().chain(&a.captions) {
                prop_assert!(b.start <= b.end && b.end <= html.len());
                prop_assert!(html.is_char_boundary(b.start) && html.is_char_boundary(b.end));
                prop_assert!(!b.text.is_empty());
            }
            for d in &a.dropped {
                prop_assert!(d.start <= d.end && d.end <= html.len());
                prop_assert!(html.is_char_boundary(d.start) && html.is_char_boundary(d.end));
            }
        }
    }
}

/// Diagnoses one gzip page: `ZYTE_FILE=path.html.gz ZYTE_DEBUG=1 ZYTE_NEEDLE=text cargo test ... one_file -- --ignored`.
#[test]
#[ignore]
fn one_file_report() {
    let Ok(path) = std::env::var("ZYTE_FILE") else { return };
    let mut b = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap()).read_to_end(&mut b).unwrap();
    let html = String::from_utf8_lossy(&b).into_owned();
    match extract_html("one", &html) {
        Ok(a) => {
            for blk in &a.body {
                println!("[{}..{}] {}", blk.start, blk.end, blk.text.chars().take(160).collect::<String>());
            }
        }
        Err(e) => println!("error {e}"),
    }
}

#[test]
fn dates_in_scripts_bylines_in_other_languages_and_after_the_headline() {
    let script = page(&format!(
        "<script>var meta = {{\"dateModified\":\"2020-12-07\",\"datePublished\":\"2020-12-06T15:48:00+05:30\"}};</script><p>{PARA}</p>"
    ));
    let p = extract_html("s.html", &script).unwrap().published.unwrap();
    assert_eq!((p.date.to_string().as_str(), p.basis.as_str()), ("2020-12-06", "metadata"));

    for (byline, want) in [
        ("Publié le 9 octobre 2020 à 11h12", "2020-10-09"),
        ("martes 17 de marzo de 2020", "2020-03-17"),
        ("Aktualisiert: 9. Oktober 2020", "2020-10-09"),
        ("22 de novembro de 2020 - 04:30", "2020-11-22"),
        ("2020年07月03日", "2020-07-03"),
    ] {
        let html = page(&format!("<span class=\"entry-date\">{byline}</span><article><p>{PARA}</p></article>"));
        let p = extract_html("b.html", &html).unwrap().published.unwrap();
        assert_eq!(p.date.to_string(), want, "{byline}");
    }

    let after = page(&format!(
        "<div>Tuesday, 1 January 2019</div><h1>Talks resume in Havana</h1><p class=\"tagline\">22/11/2020 - 04:30</p><p>{PARA}</p>"
    ));
    let p = extract_html("a.html", &after).unwrap().published.unwrap();
    assert_eq!((p.date.to_string().as_str(), p.basis.as_str()), ("2020-11-22", "text after headline"));
}

proptest! {
    #[test]
    fn date_readers_never_panic(s in "\\PC{0,80}") {
        let _ = meta::parse_date(&s);
        let _ = meta::text_date(&s);
        let _ = meta::url_date(&s);
    }

    #[test]
    fn iso_dates_round_trip(y in 1995i32..2100, m in 1u32..=12, d in 1u32..=28, h in 0u32..24, zone in 0usize..3) {
        let z = ["Z", "+05:30", "-0400"][zone];
        let s = format!("{y:04}-{m:02}-{d:02}T{h:02}:57:02{z}");
        prop_assert_eq!(meta::parse_date(&s).map(|v| v.to_string()), Some(format!("{y:04}-{m:02}-{d:02}")));
    }
}

#[test]
fn metadata_dates_a_page_with_no_article() {
    let html = "<html><head><meta property=\"article:published_time\" content=\"2020-07-09T08:21:00+05:30\"></head>\
                <body><div>Home</div></body></html>";
    assert_eq!(published_date(html).map(|p| p.date.to_string()).as_deref(), Some("2020-07-09"));
    assert!(published_date("<html><body><p>no date</p></body></html>").is_none());
}

#[test]
fn a_utc_timestamp_near_midnight_yields_to_the_local_day_written_elsewhere() {
    let ld = |ts: &str| {
        format!(
            "<script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"datePublished\":\"{ts}\"}}</script>"
        )
    };
    let date_of = |head: String, body: &str| {
        let html = format!("<html><head>{head}</head><body>{body}<article><p>{PARA}</p></article></body></html>");
        extract_html("z.html", &html).unwrap().published.map(|p| p.date.to_string())
    };
    let canonical = |url: &str| format!("<link rel=\"canonical\" href=\"{url}\">");
    let field = |v: &str| format!("<script>var page = {{publication_date: '{v}'}};</script>");
    let cases: [(String, &str, &str); 9] = [
        // The day before, in the URL or a zone-less script field, 00:38 UTC: the local day.
        (ld("2020-04-14T00:38:07Z") + &canonical("https://n.example/news/20200413/story"), "", "2020-04-13"),
        (ld("2020-08-25T00:23:33.312Z") + &field("2020-08-24"), "", "2020-08-24"),
        // The day after, 23:15 UTC, a local wall-clock time with no zone.
        (ld("2020-12-05T23:15:0Z") + &field("2020-12-06 00:15"), "", "2020-12-06"),
        // Too far from midnight for the adjacent day to be the same moment: another event (the URL's draft day).
        (ld("2020-07-09T10:04:04Z") + &canonical("https://n.example/2020/07/08/story/"), "", "2020-07-09"),
        // A time with an explicit offset is the same instant, not a witness; nor is visible text (today's date
        // in a header).
        (ld("2025-07-05T00:04:00+00:00"), "<time datetime=\"2025-07-04T20:04:00-04:00\">July 4</time>", "2025-07-05"),
        (ld("2020-07-18T23:01:31Z"), "<span class=\"date\">Sunday, July 19, 2020</span>", "2020-07-18"),
        // A local time is never moved; nor is a UTC time with no witness, or one two days away.
        (ld("2020-04-14T00:38:07-05:00") + &canonical("https://n.example/news/20200413/story"), "", "2020-04-14"),
        (ld("2020-04-14T00:38:07Z"), "", "2020-04-14"),
        (ld("2020-04-14T00:38:07Z") + &canonical("https://n.example/news/20200412/story"), "", "2020-04-14"),
    ];
    for (head, body, want) in cases {
        assert_eq!(date_of(head.clone(), body).as_deref(), Some(want), "{head} {body}");
    }
}

#[test]
fn publication_wrappers_date_lines_and_join_dates() {
    let date_of =
        |body: String| extract_html("w.html", &page(&body)).unwrap().published.map(|p| (p.date.to_string(), p.basis));
    let got = |d: &str, b: &str| Some((d.to_string(), b.to_string()));
    let cases = [
        // A `<time>` inside an element classed as the publication outranks a date-classed teaser elsewhere.
        (
            format!(
                "<div class=\"published\"><span class=\"date\"><time datetime=\"2020-06-22T09:30:00+02:00\">28 min ago\
                 </time></span></div><span class=\"date\">21. 6. 2020</span><article><p>{PARA}</p></article>"
            ),
            got("2020-06-22", "time element"),
        ),
        // ...but not one inside an update notice.
        (
            format!(
                "<div class=\"published-update\"><time datetime=\"2020-06-23T09:30:00+02:00\">x</time></div>\
                 <span class=\"date\">June 21, 2020</span><article><p>{PARA}</p></article>"
            ),
            got("2020-06-21", "byline"),
        ),
        // A block holding only a date after the headline is the dateline, not the date in the photo caption above.
        (
            format!(
                "<h1>Protesters gather at a Paris theater</h1><div><img src=\"a.jpg\">FILE PHOTO: The president \
                 in Orleans, France, January 16, 2020.</div><p>January 18, 2020</p><p>{PARA}</p>"
            ),
            got("2020-01-18", "text after headline"),
        ),
        // With no date line, the first date after the headline still counts.
        (
            format!("<h1>Protesters gather at a Paris theater</h1><p>PARIS, January 16, 2020 - {PARA}</p>"),
            got("2020-01-16", "text after headline"),
        ),
        // A profile's join date is no publication date.
        (
            format!(
                "<span class=\"joinDateText\" title=\"10:46 AM - 20 Mar 2007\">Joined March 2007</span>\
                 <a class=\"tweet-timestamp\" title=\"11:25 PM - 10 Jul 2020\">Jul 10</a><article><p>{PARA}</p></article>"
            ),
            got("2020-07-10", "byline"),
        ),
    ];
    for (body, want) in cases {
        assert_eq!(date_of(body.clone()), want, "{body}");
    }
}

#[test]
fn unix_times_in_date_classed_elements() {
    let date_of = |body: String| {
        let p = extract_html("u.html", &page(&body)).unwrap().published.unwrap();
        (p.date.to_string(), p.evidence)
    };
    let article = format!("<article><p>{PARA}</p></article>");
    let cases = [
        // The instant a timestamp element carries outranks the time its tooltip shows in the reader's zone.
        (
            "<a class=\"tweet-timestamp\" title=\"11:25 PM - 10 Jul 2020\"><span class=\"_timestamp\" \
             data-time=\"1594448702\">Jul 10</span></a>",
            "2020-07-11",
        ),
        ("<span class=\"post-date\" data-time-ms=\"1594448702000\">Jul 10</span>", "2020-07-11"),
        ("<div class=\"byline\"><time data-utime=\"1588366078\">Friday</time></div>", "2020-05-01"),
        // Not on an element that is not classed as a date, nor in an update notice.
        (
            "<section class=\"site-alert\" data-timestamp=\"1594448702\">Alert</section><span class=\"date\">July 9, \
             2020</span>",
            "2020-07-09",
        ),
        (
            "<span class=\"updated\" data-time=\"1594448702\">x</span><span class=\"date\">July 9, 2020</span>",
            "2020-07-09",
        ),
        // Not a value that is no Unix time.
        ("<span class=\"date\" data-time=\"20200709\">July 9, 2020</span>", "2020-07-09"),
        ("<span class=\"date\" data-timestamp=\"99999999999\">July 9, 2020</span>", "2020-07-09"),
    ];
    for (body, want) in cases {
        let (got, evidence) = date_of(format!("{body}{article}"));
        assert_eq!(got, want, "{body} ({evidence})");
    }
    assert!(date_of(format!("{}{article}", cases[0].0)).1.contains("data-time=\"1594448702\""));
}

#[test]
fn a_date_in_the_site_masthead_is_not_the_articles() {
    let date_of = |body: &str| {
        let html = format!(
            "<html><head><title>Megablaze brought under control</title></head><body>{body}<p>{PARA}</p></body></html>"
        );
        extract_html("m.html", &html).unwrap().published.map(|p| (p.date.to_string(), p.basis))
    };
    let got = |d: &str, b: &str| Some((d.to_string(), b.to_string()));
    let cases = [
        // The site's header, before the headline and apart from it, shows the day the page was served.
        (
            "<header><span class=\"date\">Tue, 14 Jan 2020</span></header><h2>Megablaze brought under control</h2>\
             <p>News24<br>13 Jan 2020, 22:11 GMT+10</p>",
            got("2020-01-13", "text after headline"),
        ),
        (
            "<header><div class=\"date\">14 Jan 2020</div></header><h1>Megablaze brought under control</h1>\
             <span class=\"byline\">By Ann Lee, 13 January 2020</span>",
            got("2020-01-13", "byline"),
        ),
        // A header around the headline is the article's own.
        (
            "<header><h1>Megablaze brought under control</h1><span class=\"date\">14 Jan 2020</span></header>",
            got("2020-01-14", "byline"),
        ),
        // A dated element outside any header, or a header after the headline, keeps its date.
        (
            "<div class=\"date\">14 Jan 2020</div><h2>Megablaze brought under control</h2><p>13 Jan 2020</p>",
            got("2020-01-14", "byline"),
        ),
        (
            "<h2>Megablaze brought under control</h2><header><span class=\"date\">14 Jan 2020</span></header>",
            got("2020-01-14", "byline"),
        ),
        // With no heading that holds the title, nothing says where the article starts: the date stays.
        (
            "<header><span class=\"date\">14 Jan 2020</span></header><h2>Latest news</h2><p>13 Jan 2020</p>",
            got("2020-01-14", "byline"),
        ),
    ];
    for (body, want) in cases {
        assert_eq!(date_of(body), want, "{body}");
    }
}

#[test]
fn json_ld_yields_to_the_meta_tag_when_their_instants_differ() {
    let date_of = |ld: &str, meta: (&str, &str)| {
        let html = format!(
            "<html><head><script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"datePublished\":\"{ld}\"}}\
             </script><meta property=\"{}\" content=\"{}\"></head><body><article><p>{PARA}</p></article></body></html>",
            meta.0, meta.1
        );
        extract_html("j.html", &html).unwrap().published.map(|p| p.date.to_string())
    };
    let cases = [
        // Different instants (a local wall-clock time written with a UTC zone): the meta tag.
        ("2020-04-25T07:25:06Z", ("article:published_time", "2020-04-24T21:25:06+00:00"), "2020-04-24"),
        ("2018-04-03T16:50:31Z", ("og:published_time", "2025-12-19T18:06:00Z"), "2025-12-19"),
        // The same instant written in two zones: JSON-LD's local rendering stays.
        ("2020-12-25T01:59:50+02:00", ("article:published_time", "2020-12-24T23:59:50+00:00"), "2020-12-25"),
        // A JSON-LD date with no zone is the publisher's own day.
        ("2020-04-25", ("article:published_time", "2020-04-24T21:25:06+00:00"), "2020-04-25"),
        ("2020-04-25 07:25:06", ("article:published_time", "2020-04-24T21:25:06+00:00"), "2020-04-25"),
        // A lesser meta field never overrides JSON-LD.
        ("2020-04-25T07:25:06Z", ("dc.date", "2020-04-24T21:25:06+00:00"), "2020-04-25"),
        // Different instants on the same day change nothing.
        ("2020-04-24T07:25:06Z", ("article:published_time", "2020-04-24T21:25:06+00:00"), "2020-04-24"),
    ];
    for (ld, meta, want) in cases {
        assert_eq!(date_of(ld, meta).as_deref(), Some(want), "{ld} {meta:?}");
    }
}
