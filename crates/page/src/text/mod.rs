//! Plain-text pages as scrapers save them: one line per paragraph, menu item or widget, with the article
//! somewhere in the middle.
//!
//! Each line gets features (length, share of function words, sentence shape, separators, cue phrases,
//! repetition). The body is the run of lines with the highest prose score (a maximum-sum segment: prose counts
//! for its length, chrome against it), cut at the first end-of-article cue after it starts. Title, byline, date and
//! captions are read from the lines just above the body; everything else is dropped with a reason.

mod body;
mod enrich;
mod fields;
mod lines;
mod roles;

pub(crate) use enrich::enrich_from_body;

use crate::date::{self, DateMention};
use crate::model::{Article, PageError, PageFormat};

/// Extracts the article from a plain-text page. `text` offsets are the page's offsets.
pub(crate) fn extract_text(file: &str, text: &str, format: PageFormat, this_year: i32) -> Result<Article, PageError> {
    let mut lines = lines::split_lines(text);
    if lines.is_empty() {
        return Err(PageError::Empty);
    }
    lines::promote_short_page(&mut lines);
    let (a, b) = body::find_body(&lines)?;
    let dates_of: Vec<Vec<DateMention>> = lines.iter().map(|l| date::find_dates(l.text)).collect();

    let mut labels = roles::Labels::new(lines.len());
    labels.body_run(&lines, a, b, &dates_of);
    let header = labels.above_body(text, &lines, a, &dates_of);
    labels.chrome(&lines, (a, b), header.top, &dates_of);
    let blocks = labels.into_blocks(&lines);

    let first_text = blocks.body.first().map(|blk| blk.text.as_str()).unwrap_or("");
    let last_text = blocks.body.last().map(|blk| blk.text.as_str()).unwrap_or("");
    let dateline_found = fields::dateline(first_text);
    let (outlet, outlet_country) = fields::outlet_of(&lines, (a, b), &header.meta_lines, first_text, last_text);
    let (published, published_candidates) =
        fields::published_date(&lines, &dates_of, &header, a, &dateline_found, &blocks.body, this_year);

    Ok(Article {
        file: file.to_string(),
        format,
        title: header.title.map(|i| lines[i].text.to_string()),
        outlet,
        outlet_country,
        dateline: dateline_found.map(|d| d.0),
        published,
        published_candidates,
        body: blocks.body,
        captions: blocks.captions,
        dropped: blocks.dropped,
        language: "en".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DropReason;

    fn article(text: &str) -> Article {
        extract_text("t.txt", text, PageFormat::Text, 2026).unwrap()
    }

    #[test]
    fn menu_title_byline_body_footer() {
        let page = "Home\nWorld\nPolitics\nSports\n\nLeaders agree to reopen border crossing\n\nBy Kyodo\nPublished : Mar 3, 2019 - 10:00\n\n\
                    TOKYO, March 3 (Kyodo) -- The two governments agreed on Sunday to reopen the border crossing that has been closed since the floods.\n\n\
                    Officials said the first trucks would pass within a week, and that customs staff would be doubled at the post.\n\n\
                    Leave a Reply\n\nYou are commenting using your account. Log Out\n\nCopyright 2019 Example Daily. All rights reserved.\n";
        let a = article(page);
        assert_eq!(a.title.as_deref(), Some("Leaders agree to reopen border crossing"));
        assert_eq!(a.outlet.as_deref(), Some("Kyodo"));
        assert_eq!(a.dateline.as_deref(), Some("Tokyo"));
        assert_eq!(a.published.as_ref().map(|p| p.date.to_string()), Some("2019-03-03".into()));
        assert_eq!(a.body.len(), 2);
        assert!(a.body[1].text.ends_with("post."));
        for blk in &a.body {
            assert_eq!(&page[blk.start..blk.end], blk.text);
        }
        assert!(a.dropped.iter().any(|d| d.reason == DropReason::Comments));
        assert!(a.dropped.iter().any(|d| d.reason == DropReason::Navigation));
    }

    #[test]
    fn hard_wrapped_paragraphs_join() {
        let page = "Ministers meet in Oslo\n\nThe foreign ministers of Norway and Sweden met in Oslo on Monday to\ndiscuss fishing rights in the Barents Sea and agreed to meet again.\n";
        let a = article(page);
        assert_eq!(a.body.len(), 1);
        assert!(a.body[0].text.contains("to\ndiscuss"));
    }

    #[test]
    fn datelines() {
        use fields::dateline;
        assert_eq!(dateline("WASHINGTON (AP) — The talks").map(|d| d.0), Some("Washington".into()));
        assert_eq!(dateline("Pyongyang, April 28 : North Korea").map(|d| d.0), Some("Pyongyang".into()));
        assert_eq!(dateline("Kim: we will meet").map(|d| d.0), None);
        assert_eq!(dateline("MOSCOW, June 3. /TASS/. Talks").map(|d| d.0), Some("Moscow".into()));
        assert_eq!(dateline("The talks - which began on Monday - ended").map(|d| d.0), None);
    }

    #[test]
    fn no_prose_is_no_article() {
        assert_eq!(extract_text("t", "Home\nNews\nSports\n", PageFormat::Text, 2026).err(), Some(PageError::NoArticle));
    }

    #[test]
    fn a_page_of_one_or_two_sentences_is_an_article() {
        let body = |page: &str| -> Vec<String> {
            extract_text("t", page, PageFormat::Text, 2026)
                .map(|a| a.body.into_iter().map(|b| b.text).collect())
                .unwrap_or_default()
        };
        // Dense with names: one function word in eleven.
        let dense = "Chinese President Xi Jinping meets Russian President Vladimir Putin in Beijing.";
        assert_eq!(body(dense), vec![dense.to_string()]);
        let wire = "MOSCOW, June 19 (Reuters) - Russian President Vladimir Putin arrived in North Korea.";
        assert_eq!(body(&format!("{wire}\n")), vec![wire.to_string()]);
        // A headline alone, and a headline with its one sentence (the headline stays the title).
        assert_eq!(
            body("Putin arrives in Pyongyang for talks with Kim\n"),
            vec!["Putin arrives in Pyongyang for talks with Kim"]
        );
        let two = format!("Putin arrives in Pyongyang\n\n{dense}\n");
        let article = extract_text("t", &two, PageFormat::Text, 2026).expect("an article");
        assert_eq!(article.title.as_deref(), Some("Putin arrives in Pyongyang"));
        assert_eq!(article.body.len(), 1);
        // Chrome stays chrome: a menu, a cookie notice, a page too long to be a brief.
        assert!(body("Home\nNews\nSports\nWorld\n").is_empty());
        assert!(body("Accept cookies\nPrivacy Policy\n").is_empty());
        let menu = "Home\nNews\nSports\nWorld\nBusiness\nChinese President Xi Jinping meets Russian President Putin.\n";
        assert!(body(menu).is_empty(), "six lines: not a brief");
        // An HTML page holding a headline alone reaches the same rule through the fallback reader.
        let html = "<html><body><h1>Putin arrives in Pyongyang for talks with Kim</h1></body></html>";
        let article = crate::extract_in_year("h.html", html.as_bytes(), 2026).expect("an article");
        assert_eq!(
            article.body.first().map(|b| b.text.as_str()),
            Some("Putin arrives in Pyongyang for talks with Kim")
        );
    }
}

#[cfg(test)]
mod header_date_tests {
    use super::*;

    const BODY: &str = "Japan and the United States agreed on Friday to hold talks on the trade dispute over \
                        semiconductors, officials said, as both sides sought to calm markets.\n\n\
                        The talks will begin next week in Washington and are expected to last several days, \
                        according to a statement released by the ministry.\n";

    fn published(page: &str) -> Option<String> {
        extract_text("t.txt", page, PageFormat::Text, 2026).ok()?.published.map(|p| p.date.to_string())
    }

    #[test]
    fn a_date_alone_on_the_first_line_dates_the_page() {
        for head in [
            "1987-03-27",
            "March 27, 1987",
            "MARCH 27, 1987",
            "27-MAR-1987 08:57:02.39",
            "19870327",
            "27.03.1987",
            "27 Mar 1987",
            "Fri, 27 Mar 1987 08:57:02 -0500",
            "Friday, 27 March 1987 08:57 GMT",
            "1987-03-27T08:57:02Z",
            "1987-03-27T08:57:02.123+09:00",
            "1987/03/27",
            "Mar. 27, 1987",
        ] {
            for page in [
                format!("{head}\n\nTrade talks agreed\n\n{BODY}"),
                format!("Trade talks agreed\n{head}\n\n{BODY}"),
                format!("{head}\n{BODY}"),
            ] {
                assert_eq!(published(&page).as_deref(), Some("1987-03-27"), "{page}");
            }
        }
    }

    #[test]
    fn a_dateline_with_a_full_date_dates_the_page() {
        let page = format!("TOKYO, March 27, 1987 - {BODY}");
        assert_eq!(published(&page).as_deref(), Some("1987-03-27"));
        let page = format!("TOKYO, MAR 27, 1987 (Reuters) - {BODY}");
        assert_eq!(published(&page).as_deref(), Some("1987-03-27"));
    }
}
