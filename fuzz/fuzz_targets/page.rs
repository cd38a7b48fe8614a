//! Page extraction must never panic, and whatever it returns must point inside the page on char boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(article) = dyad_page::extract("fuzz", data) {
        let text = std::str::from_utf8(data).ok();
        let spans = article
            .body
            .iter()
            .chain(article.captions.iter())
            .map(|b| (b.start, b.end))
            .chain(article.dropped.iter().map(|d| (d.start, d.end)));
        for (start, end) in spans {
            assert!(start <= end && end <= data.len(), "span {start}..{end} outside the page");
            if let Some(t) = text {
                assert!(t.is_char_boundary(start) && t.is_char_boundary(end), "span {start}..{end} splits a char");
            }
        }
    }
});
