//! The person memory: people learned from text and listed people adopted on first mention, across documents, with
//! the indexes that find a person by full name, by a part of a name or by one name token.

use crate::data::{Entry, Gazetteer};
use crate::model::{Actor, ActorKind, Role, cameo_code};
use crate::names::{NAME_PARTICLES, contained, name_tokens, significant};
use crate::normalize::{normalize, slug};
use crate::roles::RoleInfo;
use chrono::NaiveDate;
use dyad_core::ActorCode;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;

/// Actors learned from text, across documents, over a fixed [`Gazetteer`]. Serialisable so the store can persist
/// it; the gazetteer itself is not stored (it is rebuilt from the data files).
#[derive(Debug, Serialize, Deserialize)]
pub struct Registry {
    #[serde(skip, default = "Gazetteer::builtin")]
    pub(crate) gaz: Arc<Gazetteer>,
    pub(crate) people: Vec<Actor>,
    #[serde(skip)]
    pub(crate) by_name: HashMap<String, Vec<u32>>,
    /// Significant name token (and each of its 1- and 2-byte shorter prefixes, see [`token_eq`](crate::names::token_eq)) → people.
    #[serde(skip)]
    pub(crate) by_token: HashMap<String, Vec<u32>>,
    #[serde(skip)]
    pub(crate) by_id: HashMap<String, u32>,
    /// Per person, the tokens of each alias, normalised once: matching reads these instead of re-normalising
    /// every candidate's aliases on every lookup (which made ingest quadratic in the people learned).
    #[serde(skip)]
    pub(crate) alias_tokens: Vec<Vec<AliasTokens>>,
    /// Per person, each 4-char prefix of their significant tokens with the order in which the person first got it:
    /// ties between several matching people go to the one that has held the query token's prefix longest, which
    /// keeps the choice stable as the registry grows.
    #[serde(skip)]
    pub(crate) prefix_seq: Vec<Vec<(Box<str>, u64)>>,
    #[serde(skip)]
    pub(crate) next_seq: u64,
}

/// One alias split into normalised tokens, with the particles left out of `significant`.
#[derive(Debug, Default)]
pub(crate) struct AliasTokens {
    pub(crate) all: Vec<Box<str>>,
    pub(crate) significant: Vec<Box<str>>,
}

impl AliasTokens {
    pub(crate) fn new(alias: &str) -> AliasTokens {
        let all: Vec<Box<str>> = name_tokens(alias).into_iter().map(String::into_boxed_str).collect();
        let significant = all.iter().filter(|t| !NAME_PARTICLES.contains(&&***t)).cloned().collect();
        AliasTokens { all, significant }
    }
}

/// The first four chars of a token: the granularity at which people are ordered for ties.
fn prefix4(token: &str) -> &str {
    token.char_indices().nth(4).map_or(token, |(i, _)| &token[..i])
}

/// The keys under which a significant token is indexed: itself and the prefixes that [`token_eq`](crate::names::token_eq) would accept as
/// the same name ("sotolong" for "sotolongo"), so a lookup of either form finds the other.
pub(crate) fn token_keys(token: &str) -> impl Iterator<Item = &str> {
    (0..=2).filter_map(move |cut| {
        let len = token.len().checked_sub(cut)?;
        (cut == 0 || len >= 5).then(|| token.get(..len)).flatten()
    })
}

impl Default for Registry {
    fn default() -> Registry {
        Registry::new()
    }
}

impl Registry {
    /// A registry over dyad's built-in dictionaries.
    pub fn new() -> Registry {
        Registry::with_gazetteer(Gazetteer::builtin())
    }

    /// A registry over a custom gazetteer (for example one extended with PETRARCH dictionaries).
    pub fn with_gazetteer(gaz: Arc<Gazetteer>) -> Registry {
        Registry {
            gaz,
            people: Vec::new(),
            by_name: HashMap::new(),
            by_token: HashMap::new(),
            by_id: HashMap::new(),
            alias_tokens: Vec::new(),
            prefix_seq: Vec::new(),
            next_seq: 0,
        }
    }

    /// Replaces the gazetteer (after deserialising a registry that used an extended one).
    pub fn set_gazetteer(&mut self, gaz: Arc<Gazetteer>) {
        self.gaz = gaz;
    }

    /// The people learned so far.
    pub fn people(&self) -> &[Actor] {
        &self.people
    }

    /// A registry over the built-in dictionaries that already knows `people` (as [`Registry::people`] returned
    /// them, in the same order: ties between people go to the one learned first), e.g. people a store kept.
    pub fn with_people(people: Vec<Actor>) -> Registry {
        let mut registry = Registry::new();
        registry.people = people;
        registry.ensure_index();
        registry
    }

    /// The full record of an actor by id (dictionary actors, learned people, and agent codes), as of `date`.
    pub fn actor(&self, id: &str, date: Option<NaiveDate>) -> Option<Actor> {
        if let Some(&p) = self.by_id.get(id) {
            return self.people.get(p as usize).cloned();
        }
        if let Some(&i) = self.gaz.by_id.get(id) {
            let e = &self.gaz.entries[i as usize];
            return Some(Actor {
                id: e.id.clone(),
                name: e.name.clone(),
                kind: e.kind,
                code: entry_code(e, date),
                country: e.country.clone(),
                aliases: e.aliases.clone(),
                roles: e.roles.clone(),
            });
        }
        // Agents carry their code as id: CUBGOV, or an organisation's code (IGOCASSCO) for "SCO foreign ministers".
        if let Some(e) = self.gaz.entries.iter().find(|e| e.code == id && e.country.is_none()) {
            return self.actor(&e.id, date);
        }
        let code = ActorCode::parse(id).ok()?;
        let country = code.root();
        let name = self.gaz.country_name(country)?;
        Some(Actor {
            id: id.to_string(),
            name: format!("{name} ({})", code.rest()),
            kind: ActorKind::Agent,
            code: id.to_string(),
            country: Some(country.to_string()),
            aliases: Vec::new(),
            roles: Vec::new(),
        })
    }

    pub(crate) fn ensure_index(&mut self) {
        if self.by_name.is_empty() && !self.people.is_empty() {
            for i in 0..self.people.len() {
                self.by_id.insert(self.people[i].id.clone(), i as u32);
                let aliases = self.people[i].aliases.clone();
                for a in aliases {
                    self.index_alias(i as u32, &a);
                }
            }
        }
    }

    fn index_alias(&mut self, person: u32, alias: &str) {
        let key = normalize(alias);
        let list = self.by_name.entry(key).or_default();
        if !list.contains(&person) {
            list.push(person);
        }
        let tokens = AliasTokens::new(alias);
        for t in &tokens.significant {
            for k in token_keys(t) {
                let list = match self.by_token.get_mut(k) {
                    Some(list) => list,
                    None => self.by_token.entry(k.to_string()).or_default(),
                };
                // Sorted, so that membership is a binary search: lists of a common first name grow long.
                if let Err(at) = list.binary_search(&person) {
                    list.insert(at, person);
                }
            }
        }
        let p = person as usize;
        if self.alias_tokens.len() <= p {
            self.alias_tokens.resize_with(p + 1, Vec::new);
            self.prefix_seq.resize_with(p + 1, Vec::new);
        }
        for t in &tokens.significant {
            let prefix = prefix4(t);
            if !self.prefix_seq[p].iter().any(|(k, _)| &**k == prefix) {
                self.prefix_seq[p].push((prefix.into(), self.next_seq));
                self.next_seq += 1;
            }
        }
        if !self.alias_tokens[p].iter().any(|a| a.all == tokens.all) {
            self.alias_tokens[p].push(tokens);
        }
    }

    /// The people who have alias tokens matching at least two of the query tokens `sig`, in learning order. A
    /// person named by `sig` (or naming a part of it) always shares two tokens with it, since [`contained`] needs
    /// two; so the longest candidate list (a common first name) is only probed, never scanned, and looking a name up
    /// costs what its rarer tokens cost rather than growing with everyone who shares a first name.
    fn sharing_two_tokens(&self, sig: &[&str]) -> Vec<u32> {
        let lists: Vec<Vec<&[u32]>> = sig
            .iter()
            .map(|t| token_keys(t).filter_map(|k| self.by_token.get(k)).map(Vec::as_slice).collect())
            .collect();
        let size = |i: usize| lists[i].iter().map(|l| l.len()).sum::<usize>();
        let longest = (0..lists.len()).max_by_key(|&i| (size(i), i));
        let holds = |i: usize, p: u32| lists[i].iter().any(|l| l.binary_search(&p).is_ok());
        let mut out = Vec::new();
        for (i, token_lists) in lists.iter().enumerate().filter(|(i, _)| Some(*i) != longest) {
            for &p in token_lists.iter().flat_map(|l| l.iter()) {
                if (0..lists.len()).any(|j| j != i && holds(j, p)) {
                    out.push(p);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// People with a significant alias token that [`token_eq`](crate::names::token_eq) matches with `token`, possibly repeated.
    pub(crate) fn token_candidates<'a>(&'a self, token: &'a str) -> impl Iterator<Item = u32> + 'a {
        token_keys(token).filter_map(|k| self.by_token.get(k)).flatten().copied()
    }

    pub(crate) fn add_alias(&mut self, person: u32, alias: &str) {
        let p = &mut self.people[person as usize];
        if !p.aliases.iter().any(|a| a == alias) {
            p.aliases.push(alias.to_string());
        }
        self.index_alias(person, alias);
    }

    pub(crate) fn country_ok(&self, person: u32, country: Option<&str>) -> bool {
        match (self.people[person as usize].country.as_deref(), country) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
    }

    /// A known person whose name is `name` or contains / is contained in it (two tokens or more).
    pub(crate) fn find_person(&self, name: &str, country: Option<&str>, prefer: &[u32]) -> Option<u32> {
        let key = normalize(name);
        if let Some(list) = self.by_name.get(&key)
            && let Some(&p) = list.iter().find(|&&p| self.country_ok(p, country))
        {
            return Some(p);
        }
        let tokens = name_tokens(name);
        let sig = significant(&tokens);
        if sig.len() < 2 {
            return None;
        }
        // Among the matches, people already in this document first; then the one found through the earliest query
        // token, and for that token the person who has held its 4-char prefix longest.
        let mut best: Option<(u32, bool, (usize, u64))> = None;
        for p in self.sharing_two_tokens(&sig) {
            let preferred = prefer.contains(&p);
            if best.is_some_and(|(_, bpref, _)| bpref && !preferred) || !self.country_ok(p, country) {
                continue;
            }
            let hit = self.alias_tokens.get(p as usize).is_some_and(|aliases| {
                aliases.iter().any(|a| contained(&sig, &a.significant) || contained(&a.significant, &sig))
            });
            if !hit {
                continue;
            }
            let order = self.prefix_order(p, &sig);
            if best.is_none_or(|(_, bpref, border)| (preferred && !bpref) || order < border) {
                best = Some((p, preferred, order));
            }
        }
        best.map(|(p, _, _)| p)
    }

    /// The position at which a scan of people by the 4-char prefixes of the query tokens meets `person`.
    fn prefix_order(&self, person: u32, sig: &[&str]) -> (usize, u64) {
        let seqs = self.prefix_seq.get(person as usize).map_or(&[][..], Vec::as_slice);
        sig.iter()
            .enumerate()
            .find_map(|(i, t)| {
                let prefix = prefix4(t);
                seqs.iter().find(|(k, _)| &**k == prefix).map(|&(_, seq)| (i, seq))
            })
            .unwrap_or((usize::MAX, u64::MAX))
    }

    /// The registry person for a dictionary person (a listed leader), added on first mention so that later
    /// surnames and pronouns of the document find them like people learned from the text. Their code follows the
    /// dated role valid on `date`.
    pub(crate) fn adopt_entry(&mut self, e: &Entry, date: Option<NaiveDate>) -> u32 {
        let code = entry_code(e, date);
        if let Some(&p) = self.by_id.get(&e.id) {
            // Undated, a role the text gave the person earlier beats the first of their listed terms.
            if date.is_some() || e.roles.len() < 2 {
                self.people[p as usize].code = code;
            }
            return p;
        }
        let current = e.roles.iter().find(|r| r.valid_on(date));
        self.people.push(Actor {
            id: e.id.clone(),
            name: e.name.clone(),
            kind: ActorKind::Person,
            code,
            country: current.and_then(|r| r.country.clone()).or_else(|| e.country.clone()),
            aliases: Vec::new(),
            roles: e.roles.clone(),
        });
        let idx = (self.people.len() - 1) as u32;
        self.by_id.insert(e.id.clone(), idx);
        for a in &e.aliases {
            self.add_alias(idx, a);
        }
        idx
    }

    pub(crate) fn new_person(&mut self, name: &str, country: Option<String>) -> u32 {
        let base = format!("person:{}", slug(name));
        let mut id = base.clone();
        let mut n = 2;
        while self.by_id.contains_key(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        let code = cameo_code(country.as_deref(), None);
        self.people.push(Actor {
            id,
            name: name.to_string(),
            kind: ActorKind::Person,
            code,
            country,
            aliases: Vec::new(),
            roles: Vec::new(),
        });
        let idx = (self.people.len() - 1) as u32;
        self.by_id.insert(self.people[idx as usize].id.clone(), idx);
        self.add_alias(idx, name);
        idx
    }

    pub(crate) fn add_role(&mut self, person: u32, role: &RoleInfo, date: Option<NaiveDate>) {
        let p = &mut self.people[person as usize];
        if p.country.is_none() {
            p.country = role.country.clone();
        }
        let country = role.country.clone().or_else(|| p.country.clone());
        if let Some(r) = p.roles.iter_mut().find(|r| r.role == role.text && r.country == country) {
            r.seen = r.seen.max(date);
            r.first_seen = match (r.first_seen, date) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        } else {
            p.roles.push(Role {
                role: role.text.clone(),
                country,
                sector: role.sector.clone(),
                seen: date,
                first_seen: date,
                from: None,
                until: None,
                code: None,
            });
        }
        if let Some(r) = p.roles.iter_mut().find(|r| r.role == role.text) {
            r.code = role.org_code.clone().filter(|_| role.country.is_none()).or(r.code.take());
        }
        // The latest role gives the code: an organisation's own code when it has no country (NATO's secretary
        // general is IGOWSTNAT), else country + sector.
        p.code = match (&p.country, &role.org_code) {
            (None, Some(org)) => org.clone(),
            _ => cameo_code(p.country.as_deref(), role.sector.as_deref()),
        };
    }
}

pub(crate) fn entry_code(e: &Entry, date: Option<NaiveDate>) -> String {
    if e.roles.is_empty() {
        return e.code.clone();
    }
    if let Some(r) = e.roles.iter().find(|r| r.valid_on(date) && r.has_coded_post()) {
        return r.code.clone().unwrap_or_default();
    }
    // No role valid then: out of office, the person is of their country's elite (CAMEO ELI, as PETRARCH's
    // dictionaries code office holders before and after their terms).
    let country = e.country.clone().unwrap_or_else(|| e.code.clone());
    if after_office(e, date) { format!("{country}ELI") } else { country }
}

/// Whether a listed person holds none of their listed posts on `date` (before or after them: a politician of
/// their country's elite, CAMEO ELI).
pub(crate) fn after_office(e: &Entry, date: Option<NaiveDate>) -> bool {
    date.is_some()
        && e.kind == ActorKind::Person
        && e.country.is_some()
        && e.roles.iter().any(|r| r.from.is_some() || r.until.is_some())
        && !e.roles.iter().any(|r| r.valid_on(date))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::token_eq;

    proptest::proptest! {
        #[test]
        fn token_index_finds_every_fuzzy_match(a in "[a-z]{1,8}", suffix in "[a-z]{0,3}", swap: bool) {
            let b = format!("{a}{suffix}");
            let (query, alias) = if swap { (b.as_str(), a.as_str()) } else { (a.as_str(), b.as_str()) };
            let found = token_keys(query).any(|k| token_keys(alias).any(|x| x == k));
            proptest::prop_assert!(!token_eq(query, alias) || found);
        }
    }

    #[test]
    fn registry_matches_names_through_the_cached_tokens() {
        let mut reg = Registry::new();
        let p = reg.new_person("Jesus De Los Angeles Aise Sotolongo", Some("CUB".to_string()));
        assert_eq!(reg.find_person("Aise Sotolong", None, &[]), Some(p));
        assert_eq!(reg.find_person("Aise Sotolong", Some("PRK"), &[]), None);
        assert_eq!(reg.find_person("Kim Sotolongo", None, &[]), None);
        let q = reg.new_person("Aise Sotolongova", None);
        assert_eq!(reg.find_person("Aise Sotolongo", None, &[q]), Some(q));
        // A registry read back from its serialised form rebuilds the caches.
        let mut back: Registry = serde_json::from_str(&serde_json::to_string(&reg).unwrap()).unwrap();
        back.ensure_index();
        assert_eq!(back.find_person("Aise Sotolong", Some("CUB"), &[]), Some(p));
    }

    #[test]
    fn agent_codes_read_back_as_actors() {
        let reg = Registry::new();
        let a = reg.actor("CUBGOV", None).unwrap();
        assert_eq!((a.name.as_str(), a.kind, a.country.as_deref()), ("Cuba (GOV)", ActorKind::Agent, Some("CUB")));
        assert!(reg.actor("person:nobody", None).is_none());
        assert!(reg.actor("CUBG", None).is_none());
    }
}
