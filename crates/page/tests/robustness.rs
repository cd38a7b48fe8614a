//! Bad input never panics: binary data, invalid UTF-8, empty and oversized pages, pathological nesting, and
//! arbitrary bytes and strings (property tests). Whatever comes back keeps its offsets inside the page, on char
//! boundaries, without overlapping blocks.

mod common;

use common::check_offsets;
use dyad_page::{MAX_PAGE_BYTES, PageError, extract};
use proptest::prelude::*;

#[test]
fn empty_and_blank_pages() {
    assert_eq!(extract("e", b"").err(), Some(PageError::Empty));
    assert_eq!(extract("e", b" \r\n\t\n").err(), Some(PageError::Empty));
}

#[test]
fn binary_pages() {
    let table: [&[u8]; 5] = [
        b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        b"PK\x03\x04\x14\0\0\0\x08\0",
        b"Some text\0with a NUL byte",
        &[0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0E, 0x0F, 0x10, 0x11, 0x12],
    ];
    for page in table {
        assert!(matches!(extract("b", page), Err(PageError::Binary(_))), "{page:?}");
    }
}

#[test]
fn invalid_utf8_is_an_error_unless_a_charset_is_declared() {
    let bad = b"The minister said \xFF\xFE\xFD nothing more about the talks.";
    assert!(matches!(extract("u", bad), Err(PageError::InvalidUtf8(18))));
    // Declared Windows-1252: decoded, and offsets still point into the original bytes.
    let mut page = b"<html><head><meta charset=\"windows-1252\"><title>Talks</title></head><body><h1>Ministers meet in Lisbon</h1>".to_vec();
    let para = b"<p>The foreign ministers of Portugal and Brazil met in Lisbon on Monday and said the talks on trade were \x93very productive\x94, according to a statement from the ministry.</p>";
    page.extend_from_slice(para);
    page.extend_from_slice(b"<p>They agreed to meet again in Brasilia next year to review progress on the new agreement and on visas.</p></body></html>");
    let a = extract("latin.html", &page).expect("declared charset decodes");
    assert!(a.body.iter().any(|b| b.text.contains("“very productive”")), "{:?}", a.body);
    for b in &a.body {
        assert!(b.end <= page.len() && b.start < b.end);
    }
}

#[test]
fn oversized_page_is_refused_before_any_work() {
    let big = vec![b'a'; MAX_PAGE_BYTES + 1];
    assert_eq!(
        extract("big", &big).err(),
        Some(PageError::TooLarge { size: MAX_PAGE_BYTES + 1, limit: MAX_PAGE_BYTES })
    );
}

#[test]
fn deeply_nested_html_does_not_overflow_the_stack() {
    let mut page = String::from("<html><body>");
    for _ in 0..10_000 {
        page.push_str("<div>");
    }
    page.push_str("<p>The presidents of Chile and Peru met in Lima on Tuesday and agreed to reopen the border crossing for trucks.</p>");
    for _ in 0..10_000 {
        page.push_str("</div>");
    }
    page.push_str("</body></html>");
    // Either an article or a clean error; never a crash.
    match extract("deep.html", page.as_bytes()) {
        Ok(a) => check_offsets(page.as_bytes(), &a).unwrap(),
        Err(e) => assert!(matches!(e, PageError::TooDeep(_) | PageError::NoArticle), "{e}"),
    }
    let unclosed = "<div>".repeat(200_000);
    let _ = extract("unclosed.html", unclosed.as_bytes());
}

#[test]
fn bom_is_stripped_and_offsets_shifted() {
    let text = "Leaders meet in Hanoi\n\nThe leaders of Vietnam and Laos met in Hanoi on Monday and agreed to expand trade links.\n";
    let mut page = b"\xEF\xBB\xBF".to_vec();
    page.extend_from_slice(text.as_bytes());
    let a = extract("bom.txt", &page).unwrap();
    let b = &a.body[0];
    assert_eq!(&page[b.start..b.end], b.text.as_bytes());
}

fn article_like() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("Home".to_string()),
        Just("World | Politics | Sports".to_string()),
        Just("Leave a Reply".to_string()),
        Just("Published : Apr 21, 2021 - 09:46".to_string()),
        Just("SEOUL, March 3 (Yonhap) -- The two sides met on Friday and agreed to talk again.".to_string()),
        Just("Kim (R) and Moon shake hands in this photo.".to_string()),
        "[A-Za-z ,.'’“”()é—:|•\u{a0}]{0,120}",
    ];
    prop::collection::vec(line, 0..30).prop_map(|v| v.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        if let Ok(a) = extract("p", &bytes) {
            prop_assert!(check_offsets(&bytes, &a).is_ok(), "{:?}", check_offsets(&bytes, &a));
        }
    }

    #[test]
    fn arbitrary_strings_keep_offsets_valid(text in "\\PC{0,600}") {
        if let Ok(a) = extract("s", text.as_bytes()) {
            prop_assert!(check_offsets(text.as_bytes(), &a).is_ok(), "{:?}", check_offsets(text.as_bytes(), &a));
        }
    }

    #[test]
    fn page_like_text_keeps_offsets_valid(text in article_like()) {
        if let Ok(a) = extract("t", text.as_bytes()) {
            prop_assert!(check_offsets(text.as_bytes(), &a).is_ok(), "{:?}", check_offsets(text.as_bytes(), &a));
        }
    }

    #[test]
    fn html_like_text_keeps_offsets_valid(parts in prop::collection::vec(prop_oneof![
        Just("<p>".to_string()), Just("</p>".to_string()), Just("<div class=\"x\">".to_string()),
        Just("</div>".to_string()), Just("<script>var a='<p>';</script>".to_string()), Just("<!-- c -->".to_string()),
        Just("<br/>".to_string()), Just("&amp;".to_string()), Just("<".to_string()),
        "[A-Za-z ,.é’]{0,80}",
    ], 0..60)) {
        let page = format!("<html><body>{}</body></html>", parts.concat());
        if let Ok(a) = extract("h.html", page.as_bytes()) {
            prop_assert!(check_offsets(page.as_bytes(), &a).is_ok(), "{:?}", check_offsets(page.as_bytes(), &a));
        }
    }
}
