//! Loading the PETRARCH/Phoenix country dictionary as an extra source, with dated roles.

use chrono::NaiveDate;
use dyad_actors::{ActorKind, GazetteerBuilder, Registry};
use std::path::PathBuf;
use std::sync::Arc;

fn dictionary() -> Option<String> {
    let p = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/bench/dictionaries/Phoenix.Countries.actors.txt"
    ));
    match std::fs::read_to_string(&p) {
        Ok(t) => Some(t),
        Err(_) => {
            println!("skipped: {} not found", p.display());
            None
        }
    }
}

#[test]
fn dated_roles_follow_the_date() {
    let Some(text) = dictionary() else { return };
    let mut builder = GazetteerBuilder::builtin().unwrap();
    let read = builder.add_phoenix(&text);
    assert!(read > 5000, "only {read} entries read");
    let gaz = Arc::new(builder.build());
    let sentence = "Kim Il Sung received the delegation.";
    let code_on = |y: i32| {
        let mut reg = Registry::with_gazetteer(gaz.clone());
        let ms = reg.resolve_text(sentence, NaiveDate::from_ymd_opt(y, 6, 1));
        let m = ms.iter().find(|m| m.text == "Kim Il Sung").expect("Kim Il Sung found").clone();
        assert_eq!(m.kind, ActorKind::Person);
        assert_eq!(m.country.as_deref(), Some("PRK"));
        m.code
    };
    assert_eq!(code_on(1980), "PRKGOV");
    assert_ne!(code_on(2000), "PRKGOV");
    // dyad's own aliases keep their meaning; Phoenix adds spellings dyad lacks.
    let mut reg = Registry::with_gazetteer(gaz.clone());
    let ms = reg.resolve_text("Officials in Pyongyang and Choson met.", None);
    assert!(ms.iter().any(|m| m.text == "Pyongyang" && m.code == "PRK"));
}
