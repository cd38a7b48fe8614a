//! The checks of the actor table tests (`table.rs`, `people.rs`): each row is one document read by a fresh registry,
//! with checks written as short strings.
//!
//! `X=CODE` some mention with text X has code CODE; `X~ISO` some mention with text X has country ISO; `!X` no
//! mention has text X; `X==Y` / `X!=Y` the mentions X and Y are the same / different actors; `X@` X is a person with
//! no country; `!X@` X is no person; `X->none` there is no mention X. `X#2` names the second mention with text X.

use dyad_actors::{ActorKind, ActorMention, Registry};

/// Reads every row with a fresh registry and returns one message per failed check.
pub fn failures(rows: &[(&str, &[&str])]) -> Vec<String> {
    let mut failures = Vec::new();
    for (text, rules) in rows {
        let mentions = Registry::new().resolve_text(text, None);
        failures.extend(rules.iter().filter_map(|rule| check(text, &mentions, rule).err()));
    }
    failures
}

/// The `n`th mention (`X#n`, default the first) with the key's text.
fn nth<'a>(mentions: &'a [ActorMention], key: &str) -> Option<&'a ActorMention> {
    let (text, n) = match key.rsplit_once('#') {
        Some((t, n)) => (t, n.parse::<usize>().unwrap_or(1)),
        None => (key, 1),
    };
    mentions.iter().filter(|m| m.text == text).nth(n.saturating_sub(1))
}

fn check(text: &str, mentions: &[ActorMention], rule: &str) -> Result<(), String> {
    let fail = |why: &str| Err(format!("{text:?}: {rule}: {why}; got {:?}", summary(mentions)));
    let person = |t: &str| mentions.iter().any(|m| m.text == t && m.kind == ActorKind::Person);
    if let Some(t) = rule.strip_prefix('!').and_then(|r| r.strip_suffix('@')) {
        return if person(t) { fail("should not be a person") } else { Ok(()) };
    }
    if let Some(t) = rule.strip_prefix('!') {
        return if mentions.iter().any(|m| m.text == t) { fail("should not be a mention") } else { Ok(()) };
    }
    if let Some(t) = rule.strip_suffix('@') {
        let ok = mentions.iter().any(|m| m.text == t && m.kind == ActorKind::Person && m.country.is_none());
        return if ok { Ok(()) } else { fail("no stateless person") };
    }
    if let Some(t) = rule.strip_suffix("->none") {
        return if nth(mentions, t).is_none() { Ok(()) } else { fail("should be unresolved") };
    }
    for (op, same) in [("==", true), ("!=", false)] {
        if let Some((a, b)) = rule.split_once(op) {
            let (Some(x), Some(y)) = (nth(mentions, a), nth(mentions, b)) else { return fail("missing mention") };
            return if (x.actor == y.actor) == same { Ok(()) } else { fail(&format!("{} vs {}", x.actor, y.actor)) };
        }
    }
    if let Some((t, code)) = rule.split_once('=') {
        let ok = mentions.iter().any(|m| m.text == t && m.code == code);
        return if ok { Ok(()) } else { fail("wrong or missing code") };
    }
    if let Some((t, iso)) = rule.split_once('~') {
        let ok = mentions.iter().any(|m| m.text == t && m.country.as_deref() == Some(iso));
        return if ok { Ok(()) } else { fail("wrong or missing country") };
    }
    fail("bad rule")
}

fn summary(mentions: &[ActorMention]) -> Vec<String> {
    mentions.iter().map(|m| format!("{}={}({})", m.text, m.code, m.actor)).collect()
}
