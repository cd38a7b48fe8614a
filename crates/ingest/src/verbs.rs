//! Extra verb dictionaries: dyad's built-in event dictionaries plus the verb patterns of PETRARCH / TABARI verb
//! files, as `dyad ingest --verbs`, `dyad code --verbs` and `dyad bench plover --verbs` load them.

use crate::IngestError;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The built-in event dictionaries plus the verb patterns of each PETRARCH verb dictionary in `paths`, in order,
/// leaked for the process (the coder's matches borrow them), or `None` without any. `report` hears, per file, its
/// load report and load time (two lines).
pub fn load_verbs(
    paths: &[PathBuf],
    report: &mut dyn FnMut(&str),
) -> Result<Option<&'static dyad_events::Dictionaries>, IngestError> {
    Ok(read_verbs(paths, report)?.map(|d| &*Box::leak(Box::new(d))))
}

/// [`load_verbs`] before the leak: the dictionaries, owned, for a caller that sets more on them
/// ([`dyad_events::Dictionaries::with_loaded_use`]) before leaking them itself.
pub fn read_verbs(
    paths: &[PathBuf],
    report: &mut dyn FnMut(&str),
) -> Result<Option<dyad_events::Dictionaries>, IngestError> {
    let Some((first, rest)) = paths.split_first() else { return Ok(None) };
    let started = Instant::now();
    let (name, text) = read(first)?;
    let (mut dicts, loaded) = dyad_events::Dictionaries::with_petrarch_verbs(&name, &text)
        .map_err(|source| IngestError::LoadVerbs { path: first.clone(), source })?;
    report(&format!("{loaded}\n  loaded in {:.1} ms", started.elapsed().as_secs_f64() * 1e3));
    for path in rest {
        let started = Instant::now();
        let (name, text) = read(path)?;
        let loaded = dicts
            .add_petrarch_verbs(&name, &text)
            .map_err(|source| IngestError::LoadVerbs { path: path.clone(), source })?;
        report(&format!("{loaded}\n  loaded in {:.1} ms", started.elapsed().as_secs_f64() * 1e3));
    }
    Ok(Some(dicts))
}

/// A verb file's name (for pattern ids) and text.
fn read(path: &Path) -> Result<(String, String), IngestError> {
    let text =
        std::fs::read_to_string(path).map_err(|source| IngestError::ReadVerbs { path: path.to_path_buf(), source })?;
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    Ok((name, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_file_no_dictionaries() {
        assert!(load_verbs(&[], &mut |_| panic!("no report without files")).unwrap().is_none());
    }

    #[test]
    fn files_are_loaded_in_order_and_failures_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.txt");
        std::fs::write(&good, "--- CHALLENGE [110] ---\nCHALLENGE\n").unwrap();
        let mut lines = Vec::new();
        let dicts = load_verbs(&[good.clone(), good.clone()], &mut |l| lines.push(l.to_string())).unwrap();
        assert!(dicts.is_some());
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| l.contains("\n  loaded in ")), "{lines:?}");
        let missing = dir.path().join("missing.txt");
        let e = load_verbs(&[good, missing], &mut |_| {}).unwrap_err();
        assert!(e.to_string().starts_with("cannot read ") && e.to_string().ends_with("missing.txt"), "{e}");
    }
}
