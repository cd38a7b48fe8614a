//! Every date of `shared/gold/seeds.json`, resolved from the seed pages' own sentences with each page's
//! publication date as the anchor. The sentences are inputs only: no rule in the crate refers to them.

use chrono::NaiveDate;
use dyad_time::{TemporalExpression, TimeResolver};
use std::path::PathBuf;

/// (expression text, value, precision, future) expected in a document.
type Expect = (&'static str, &'static str, &'static str, bool);

struct Page {
    prefix: &'static str,
    anchor: &'static str,
    sentences: &'static [&'static str],
    expect: &'static [Expect],
}

const PAGES: &[Page] = &[
    Page {
        prefix: "000",
        anchor: "2017-04-28",
        sentences: &[
            "Xinhua, April 28, 2017 Adjust font size:",
            "DPRK diplomats recently met with the heads of state or government of several African and Arab countries, while sending messages to Syria, South Africa, Zimbabwe and Tanzania expressing willingness to strengthen ties.",
            "The DPRK's efforts in engaging Arab countries was on display this week in a meeting between DPRK Vice Foreign Minister Sin Hong Chol and Hassane Rabehi, General Secretary of Algerian Ministry of Foreign Affairs and International Cooperation.",
            "When meeting the DPRK envoy this week, Lebanese President Michel Aoun said his country will further develop friendly relations with the DPRK, wishing the Korean people greater all-round development, according to reports by the KCNA.",
            "A DPRK delegation left for Cuba Thursday to attend an international labor unions' conference in Havana.",
            "Prior to the DPRK delegation's arrival, Aise Sotolong, Cuban ambassador to the DPRK, held a reception Wednesday in Havana to mark the 105th birth anniversary of President Kim Il Sung.",
            "Equatorial Guinean President Obiang Mbasogo said recently that the relationship between the two countries has a history of nearly five decades.",
        ],
        expect: &[
            ("April 28, 2017", "2017-04-28", "day", false),
            ("recently", "2017-04", "month", false),
            ("this week", "2017-04-24/2017-04-28", "week", false),
            ("Thursday", "2017-04-27", "day", false),
            ("Wednesday", "2017-04-26", "day", false),
        ],
    },
    Page {
        prefix: "001",
        anchor: "2017-04-28",
        sentences: &[
            "Pyongyang, April 28 : North Korea has stepped up diplomatic efforts to win support from developing countries amid tension with the US, the media reported on Friday.",
            "Pyongyang's efforts in engaging Arab countries was on display this week in a meeting between North Korean Vice Foreign Minister Sin Hong Chol and his Algerian counterpart Hassane Rabehi.",
            "Meeting the North Korean envoy this week, Lebanese President Michel Aoun said his country will further develop friendly relations with Pyongyang.",
            "A North Korean delegation left for Cuba on Thursday to attend an international labour unions' conference in Havana.",
            "Prior to the delegation's arrival, Aise Sotolong, Cuban Ambassador to North Korea, held a reception on Wednesday in Havana to mark the 105th birth anniversary of Kim Il-sung.",
            "Equatorial Guinean President Obiang Mbasogo recently said the relations between the two countries had a history of nearly five decades.",
        ],
        expect: &[
            ("April 28", "2017-04-28", "day", false),
            ("on Friday", "2017-04-28", "day", false),
            ("this week", "2017-04-24/2017-04-28", "week", false),
            ("on Thursday", "2017-04-27", "day", false),
            ("on Wednesday", "2017-04-26", "day", false),
            ("recently", "2017-04", "month", false),
        ],
    },
    Page {
        prefix: "002",
        anchor: "2021-04-21",
        sentences: &[
            "North Korean leader Kim Jong-un (R) and his visiting Cuban counterpart Miguel Mario Diaz-Canel Bermudez hold up their hands as they watch a mass games performance in Pyongyang on Nov. 5, 2018, in this photo captured from the North's Rodong Sinmun newspaper.",
            "North Korean leader Kim Jong-un stressed the country's \"special\" strategic relations with Cuba in another message congratulating President Miguel Diaz-Canel on his election as the new powerful head of its ruling communist party, according to state media Wednesday.",
            "The message delivered Tuesday via the Cuban ambassador in Pyongyang came a day after Kim sent another message expressing \"absolute support\" to Diaz-Canel following his appointment as first secretary of the Communist Party of Cuba.",
            "Last month, Kim sent several verbal messages to the leaders of China, Cuba, Vietnam and Laos.",
        ],
        expect: &[
            ("on Nov. 5, 2018", "2018-11-05", "day", false),
            ("Wednesday", "2021-04-21", "day", false),
            ("Tuesday", "2021-04-20", "day", false),
            ("a day after", "2021-04-19", "day", false),
            ("Last month", "2021-03", "month", false),
        ],
    },
    Page {
        prefix: "003",
        anchor: "2025-07-13",
        sentences: &[
            "(MENAFN) North Korea’s leader Kim Jong-un has restated Pyongyang’s full and unconditional backing of Moscow in the ongoing Russia-Ukraine conflict, according to state-run media on Sunday.",
            "During a meeting on Saturday in the resort city of Wonsan, Kim met with Russian Foreign Minister Sergey Lavrov, as reported by a local news agency.",
            "In a separate media report, a statement from the strategic dialogue held the previous day between North Korean Foreign Minister Choe Son-hui and Lavrov reiterated an “unwavering” commitment to strengthening long-term strategic relations through their mutual defense pact.",
            "Lavrov arrived at Wonsan Airport on Friday, coinciding with the official opening of a new coastal tourist zone on July 1.",
            "The Russian foreign minister is expected to depart Sunday for China, where he will participate in the Shanghai Cooperation Organization’s foreign ministers’ meeting on July 15.",
        ],
        expect: &[
            ("on Sunday", "2025-07-13", "day", false),
            ("on Saturday", "2025-07-12", "day", false),
            ("the previous day", "2025-07-11", "day", false),
            ("on Friday", "2025-07-11", "day", false),
            ("on July 1", "2025-07-01", "day", false),
            ("Sunday", "2025-07-13", "day", true),
            ("on July 15", "2025-07-15", "day", true),
        ],
    },
    Page {
        prefix: "004",
        anchor: "2020-08-29",
        sentences: &[
            "On August 29 sixty years ago diplomatic relations were established between the Democratic People’s Republic of Korea and the Republic of Cuba.",
            "The Cuban people waged an arduous armed struggle to overthrow pro-US dictatorship in 1959 and set up a genuine people’s government for the first time in its history.",
            "The DPRK, being faithful to its international obligation to render an active support to the Cuban people who heralded the socialist revolution in Latin America, established diplomatic relations with the Republic of Cuba in 1960.",
            "Friendly relations established and consolidated by President Kim Il Sung and President Fidel Castro Ruz never wavered in the worldwide political turmoil in the 1990s and developed century after century.",
            "In November 2018 Cuban President Miguel Mario Diaz-Canel Bermudez, the then President of the Council of State and President of the Council of Ministers of the Republic of Cuba, visited the DPRK, which served as a point in further bolstering the friendship forged in the joint struggle for anti-imperialism, independence and socialism.",
            "On the occasion of the 60th anniversary of the establishment of diplomatic relations, the Korean people extend their fraternal greetings to the heroic Cuban people.",
        ],
        expect: &[
            ("On August 29 sixty years ago", "1960-08-29", "day", false),
            ("in 1959", "1959", "year", false),
            ("in 1960", "1960", "year", false),
            ("the 1990s", "199X", "decade", false),
            ("In November 2018", "2018-11", "month", false),
            ("the 60th anniversary", "2020", "year", false),
        ],
    },
];

fn anchor(s: &str) -> NaiveDate {
    s.parse().unwrap_or_else(|e| panic!("bad anchor {s}: {e}"))
}

/// Checks that every expectation appears among `found` (text, value, precision, future), in any order.
fn check(prefix: &str, found: &[(String, String, String, bool)], expect: &[Expect]) -> Vec<String> {
    expect
        .iter()
        .filter(|&&(text, value, precision, future)| {
            !found.iter().any(|(t, v, p, f)| t == text && v == value && p == precision && *f == future)
        })
        .map(|e| format!("{prefix}: missing {e:?}; found {found:?}"))
        .collect()
}

fn summary(text: &str, found: Vec<TemporalExpression>) -> Vec<(String, String, String, bool)> {
    found
        .into_iter()
        .filter(|e| e.is_date())
        .map(|e| {
            let r = e.record(text);
            (r.text, r.value, r.precision.map(|p| p.as_str().to_string()).unwrap_or_default(), r.future)
        })
        .collect()
}

#[test]
fn seed_sentences_in_document_order() {
    let mut failures = Vec::new();
    for page in PAGES {
        let mut doc = TimeResolver::new(anchor(page.anchor));
        let mut found = Vec::new();
        for s in page.sentences {
            found.extend(summary(s, doc.resolve_sentence(s)));
        }
        failures.extend(check(page.prefix, &found, page.expect));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_105th_birth_anniversary_without_a_known_base_year_is_not_guessed() {
    let text = "She held a reception to mark the 105th birth anniversary of the founder.";
    let found = TimeResolver::new(anchor("2017-04-28")).resolve_sentence(text);
    assert!(found.iter().all(|e| !e.is_date()), "{found:?}");
}

fn shared() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"))
}

/// The same expectations on the whole seed files (page chrome included), anchored on the gold publication dates.
#[test]
fn whole_seed_pages_with_gold_anchors() {
    let gold_path = shared().join("gold/seeds.json");
    let Ok(gold) = std::fs::read_to_string(&gold_path) else {
        println!("skipped: {} not found", gold_path.display());
        return;
    };
    let gold: serde_json::Value = serde_json::from_str(&gold).expect("seeds.json parses");
    let docs = gold["documents"].as_array().expect("documents");
    let mut failures = Vec::new();
    for page in PAGES {
        let doc =
            docs.iter().find(|d| d["file"].as_str().is_some_and(|f| f.starts_with(page.prefix))).expect("page in gold");
        let published = doc["published"].as_str().expect("published");
        assert_eq!(published, page.anchor, "gold anchor of {}", page.prefix);
        let file = shared().join("seeds").join(doc["file"].as_str().unwrap_or_default());
        let text = std::fs::read_to_string(&file).expect("seed page readable");
        let found = summary(&text, TimeResolver::new(anchor(published)).resolve_sentence(&text));
        failures.extend(check(page.prefix, &found, page.expect));
    }
    // Every gold event date of day, month or year precision must be among the values resolved on its pages.
    for event in gold["events"].as_array().expect("events") {
        let (Some(date), Some(files)) = (event["date"].as_str(), event["files"].as_array()) else { continue };
        if event["id"].as_str() == Some("w2") {
            // "the Korean people extend their greetings" has no date expression: the anchor itself is its date.
            continue;
        }
        let covered = files.iter().filter_map(|f| f.as_str()).any(|prefix| {
            PAGES.iter().any(|p| p.prefix == prefix && p.expect.iter().any(|e| e.1 == date || date_within(date, e.1)))
        });
        if !covered {
            failures.push(format!("gold event {} date {date} not produced", event["id"]));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Whether a gold date (a value or an `A/B` range) agrees with a produced value, as the gold README's matching
/// rules say: a week range matches a date inside it; a month matches a finer date in it.
fn date_within(gold: &str, produced: &str) -> bool {
    if let Some((a, b)) = gold.split_once('/') {
        return produced.len() == 10 && a <= produced && produced <= b;
    }
    produced.starts_with(gold)
}
