//! What ingest reads: the inputs under its path arguments, and the pages in each.
//!
//! Formats, told by the file name (and by content for stdin, `-`):
//! - a page: `.txt`, `.html`, `.htm` (any name when the file is an argument itself);
//! - JSON Lines, `.jsonl`: one page per line, `{"url", "html" or "text", "fetched_at"}`;
//! - WARC, `.warc` (ISO 28500, versions 1.0 and 1.1): one page per `response` record of an HTTP 2xx HTML or text
//!   response, and per `resource` record of HTML or text; the record's `WARC-Target-URI` is the page's name and
//!   its `WARC-Date` the fetch time;
//! - any of these gzip-compressed, with `.gz` added (`.html.gz`, `.jsonl.gz`, `.warc.gz`, whose per-record gzip
//!   members are read as one stream).
//!
//! Key decision: **an input that cannot be read is skipped with a reason naming it, and the run goes on.** The
//! walk looks at each path's type before opening it (`lstat`, then `stat` through a symlink), so a dangling
//! symlink, a symlink loop, an unreadable folder, a FIFO, a socket or a device is a [`Skip`], never an error, a
//! hang or a read of an endless stream; files are opened `O_NONBLOCK` and checked again after opening, in case
//! the path changed in between. Folders are visited once each (by device and inode), so a symlink back up the
//! tree ends. A page over [`dyad_page::MAX_PAGE_BYTES`] is skipped before it is read (and a compressed one as
//! soon as it decompresses past the limit).
//!
//! The WARC reader is dyad's own (about a hundred lines): the `warc` crate (0.4) would add a second deflate
//! implementation (libflate, next to flate2) and nom for what is a header block and a length per record.

use flate2::read::MultiGzDecoder;
use std::collections::HashSet;
use std::fs::{File, Metadata};
use std::io::{BufRead, BufReader, Read};
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// The path argument that means standard input.
pub const STDIN: &str = "-";

/// One input: a file (or stdin) and the name its pages are stored under.
pub struct Source {
    /// The file; [`STDIN`] for standard input.
    pub path: PathBuf,
    /// The name it is stored and cited under.
    pub name: String,
}

/// An input, or a page in one, that was not stored, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Skip {
    /// The path (or `path:line`, or a WARC record's URI).
    pub path: String,
    /// Why.
    pub reason: String,
}

fn skip(path: impl Into<String>, reason: impl Into<String>) -> Skip {
    Skip { path: path.into(), reason: reason.into() }
}

/// One page: its name (file name, URL of a JSON Lines or WARC record), its bytes and, when the input gives it,
/// its fetch time.
pub struct Page {
    /// The name it is stored and cited under.
    pub name: String,
    /// The raw bytes.
    pub bytes: Vec<u8>,
    /// When it was fetched (ISO 8601, as the input gives it).
    pub fetched: Option<String>,
}

impl Page {
    /// The year of the fetch time, which bounds year-less and inferred dates as "this year" does.
    pub fn fetch_year(&self) -> Option<i32> {
        let year = self.fetched.as_deref()?.get(..4)?.parse().ok()?;
        (1900..=2999).contains(&year).then_some(year)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Format {
    Page,
    Jsonl,
    Warc,
}

/// The format a name says, and whether it is gzip-compressed; `None` for a name no input format has.
fn format_of(name: &str) -> Option<(Format, bool)> {
    let lower = name.to_ascii_lowercase();
    let (stem, gz) = match lower.strip_suffix(".gz") {
        Some(stem) => (stem, true),
        None => (lower.as_str(), false),
    };
    let ext = Path::new(stem).extension().and_then(|e| e.to_str()).unwrap_or("");
    match ext {
        "txt" | "html" | "htm" | "xhtml" => Some((Format::Page, gz)),
        "jsonl" => Some((Format::Jsonl, gz)),
        "warc" => Some((Format::Warc, gz)),
        _ => None,
    }
}

/// Every input under `paths` in a stable order, with the name it is stored and cited under: its path below the
/// deepest folder that holds every folder argument ("x.txt" for `dyad ingest pages`, "a/index.html" and
/// "b/index.html" for `dyad ingest pages/a pages/b`), or its file name when the file itself is an argument; and
/// every path that could not be taken, with the reason.
pub fn walk(paths: &[PathBuf]) -> (Vec<Source>, Vec<Skip>) {
    let root = common_folder(paths);
    let mut found: Vec<PathBuf> = Vec::new();
    let mut skips = Vec::new();
    let mut stdin = false;
    let mut folders_seen: HashSet<(u64, u64)> = HashSet::new();
    let mut stack: Vec<(PathBuf, bool)> = paths.iter().rev().map(|p| (p.clone(), true)).collect();
    while let Some((path, argument)) = stack.pop() {
        if argument && path.as_os_str() == STDIN {
            stdin = true;
            continue;
        }
        let shown = path.display().to_string();
        let meta = match file_type_of(&path) {
            Ok(meta) => meta,
            Err(reason) => {
                skips.push(skip(shown, reason));
                continue;
            }
        };
        let kind = meta.file_type();
        if kind.is_dir() {
            if !folders_seen.insert((meta.dev(), meta.ino())) {
                // Reached again through a symlink: a loop, or a second way to the same pages.
                skips.push(skip(shown, "folder already visited (a symlink loop or a second link to it)"));
                continue;
            }
            let Some(children) = folder_entries(&path, &shown, &mut skips) else { continue };
            stack.extend(children.into_iter().rev().map(|c| (c, false)));
        } else if kind.is_file() {
            let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
            if argument || format_of(&name).is_some() {
                found.push(path);
            }
        } else {
            skips.push(skip(shown, not_regular(&meta)));
        }
    }
    found.sort();
    found.dedup();
    let mut sources: Vec<Source> = found
        .into_iter()
        .map(|p| {
            let name = stored_name(paths, root.as_deref(), &p);
            Source { path: p, name }
        })
        .collect();
    if stdin {
        sources.push(Source { path: PathBuf::from(STDIN), name: "stdin".into() });
    }
    (sources, skips)
}

/// The deepest folder that holds every folder among `paths`, if any is a folder.
fn common_folder(paths: &[PathBuf]) -> Option<PathBuf> {
    let folders: Vec<&PathBuf> = paths.iter().filter(|p| p.is_dir()).collect();
    folders.split_first().map(|(first, rest)| {
        rest.iter().fold(first.to_path_buf(), |common, p| {
            common.components().zip(p.components()).take_while(|(a, b)| a == b).map(|(a, _)| a).collect()
        })
    })
}

/// The name a found file is stored under: its path below `root`, or its file name when it is itself an argument.
fn stored_name(paths: &[PathBuf], root: Option<&Path>, path: &Path) -> String {
    let below = root.filter(|_| !paths.iter().any(|p| p == path)).and_then(|r| path.strip_prefix(r).ok());
    match below {
        Some(rel) if !rel.as_os_str().is_empty() => {
            rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
        }
        _ => path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned()),
    }
}

/// The entries of a folder, sorted; `None` when it cannot be read. Unreadable folders and entries are added to
/// `skips` under `shown`.
fn folder_entries(path: &Path, shown: &str, skips: &mut Vec<Skip>) -> Option<Vec<PathBuf>> {
    let entries = match std::fs::read_dir(path) {
        Ok(entries) => entries,
        Err(e) => {
            skips.push(skip(shown.to_string(), format!("unreadable folder: {e}")));
            return None;
        }
    };
    let mut children = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => children.push(entry.path()),
            Err(e) => skips.push(skip(shown.to_string(), format!("unreadable folder entry: {e}"))),
        }
    }
    children.sort();
    Some(children)
}

/// The metadata of `path`, following a symlink, or why it cannot be had.
fn file_type_of(path: &Path) -> Result<Metadata, String> {
    let link = std::fs::symlink_metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if !link.file_type().is_symlink() {
        return Ok(link);
    }
    std::fs::metadata(path).map_err(|e| match e.raw_os_error() {
        Some(libc::ELOOP) => "symlink loop".to_string(),
        Some(libc::ENOENT) => "dangling symlink (its target does not exist)".to_string(),
        _ => format!("cannot follow symlink: {e}"),
    })
}

/// Why a path that is neither a folder nor a regular file is skipped.
fn not_regular(meta: &Metadata) -> String {
    let t = meta.file_type();
    let what = if t.is_fifo() {
        "a FIFO"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else {
        "not a regular file"
    };
    format!("{what}, not a file")
}

/// The pages of one input, each a page or the reason it was skipped. Reads at most one page's worth beyond the
/// limit of a single page; containers (JSON Lines, WARC) are read record by record.
pub fn read(source: &Source) -> Vec<Result<Page, Skip>> {
    let name = source.name.clone();
    if source.path.as_os_str() == STDIN {
        return read_stdin();
    }
    let file = match open(&source.path) {
        Ok(file) => file,
        Err(reason) => return vec![Err(skip(name, reason))],
    };
    let (format, gz) = format_of(&name).unwrap_or((Format::Page, false));
    let limit = dyad_page::MAX_PAGE_BYTES as u64;
    if format == Format::Page && !gz {
        let size = file.metadata().map_or(0, |m| m.len());
        if size > limit {
            return vec![Err(skip(name, format!("page is {size} bytes, over the {limit}-byte limit")))];
        }
    }
    let reader: Box<dyn Read> = if gz { Box::new(MultiGzDecoder::new(file)) } else { Box::new(file) };
    read_format(reader, format, &name)
}

/// Opens a regular file without ever blocking on it: `O_NONBLOCK` keeps a FIFO that replaced the file since the
/// walk from hanging the open, and the type is checked again on the open file.
fn open(path: &Path) -> Result<File, String> {
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| format!("unreadable: {e}"))?;
    let meta = file.metadata().map_err(|e| format!("unreadable: {e}"))?;
    if !meta.file_type().is_file() {
        return Err(not_regular(&meta));
    }
    Ok(file)
}

fn read_stdin() -> Vec<Result<Page, Skip>> {
    let mut head = Vec::new();
    let mut input = BufReader::new(std::io::stdin().lock());
    if let Err(e) = input.fill_buf().map(|b| head.extend_from_slice(&b[..b.len().min(2)])) {
        return vec![Err(skip("stdin", format!("unreadable: {e}")))];
    }
    let mut reader: Box<dyn BufRead> =
        if head == [0x1f, 0x8b] { Box::new(BufReader::new(MultiGzDecoder::new(input))) } else { Box::new(input) };
    let start = match reader.fill_buf() {
        Ok(b) => b.iter().copied().skip_while(u8::is_ascii_whitespace).take(5).collect::<Vec<u8>>(),
        Err(e) => return vec![Err(skip("stdin", format!("unreadable: {e}")))],
    };
    let format = if start.starts_with(b"WARC/") {
        Format::Warc
    } else if start.starts_with(b"{") {
        Format::Jsonl
    } else {
        Format::Page
    };
    read_format(reader, format, "stdin")
}

fn read_format(reader: impl Read, format: Format, name: &str) -> Vec<Result<Page, Skip>> {
    let limit = dyad_page::MAX_PAGE_BYTES as u64;
    match format {
        Format::Page => {
            let mut bytes = Vec::new();
            match reader.take(limit + 1).read_to_end(&mut bytes) {
                Ok(_) if bytes.len() as u64 > limit => {
                    vec![Err(skip(name, format!("page is over the {limit}-byte limit (decompressed)")))]
                }
                Ok(_) => vec![Ok(Page { name: name.to_string(), bytes, fetched: None })],
                Err(e) => vec![Err(skip(name, format!("unreadable: {e}")))],
            }
        }
        Format::Jsonl => read_jsonl(BufReader::new(reader), name),
        Format::Warc => crate::warc::pages(BufReader::new(reader), name),
    }
}

#[derive(serde::Deserialize)]
struct JsonPage {
    url: Option<String>,
    html: Option<String>,
    text: Option<String>,
    fetched_at: Option<String>,
}

/// Reads one line of at most `limit` bytes (without its newline) into `line`, discarding the rest of a longer
/// line. Returns `Ok(None)` at the end of input, else whether the line was cut.
pub(crate) fn read_line_capped(
    input: &mut impl BufRead,
    line: &mut Vec<u8>,
    limit: usize,
) -> std::io::Result<Option<bool>> {
    line.clear();
    let mut cut = false;
    let mut any = false;
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(any.then_some(cut));
        }
        any = true;
        let (chunk, done) = match memchr(b'\n', buf) {
            Some(at) => (&buf[..at], at + 1),
            None => (buf, buf.len()),
        };
        let room = limit.saturating_sub(line.len());
        if chunk.len() > room {
            cut = true;
        }
        line.extend_from_slice(&chunk[..chunk.len().min(room)]);
        let ended = done > chunk.len();
        input.consume(done);
        if ended {
            return Ok(Some(cut));
        }
    }
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

/// One page per JSON Lines record; a bad record (not JSON, no text, too long) is a skip naming `name:line`.
fn read_jsonl(mut input: impl BufRead, name: &str) -> Vec<Result<Page, Skip>> {
    let mut out = Vec::new();
    let mut line = Vec::new();
    let limit = dyad_page::MAX_PAGE_BYTES;
    for n in 1.. {
        let at = format!("{name}:{n}");
        match read_line_capped(&mut input, &mut line, limit) {
            Ok(None) => break,
            Err(e) => {
                out.push(Err(skip(at, format!("unreadable: {e}"))));
                break;
            }
            Ok(Some(true)) => out.push(Err(skip(at, format!("JSON line over the {limit}-byte limit")))),
            Ok(Some(false)) => {
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                let record = match serde_json::from_slice::<JsonPage>(&line) {
                    Ok(r) => r,
                    Err(e) => {
                        out.push(Err(skip(at, format!("bad JSON: {e}"))));
                        continue;
                    }
                };
                match record.html.or(record.text) {
                    Some(body) => out.push(Ok(Page {
                        name: record.url.filter(|u| !u.is_empty()).unwrap_or(at),
                        bytes: body.into_bytes(),
                        fetched: record.fetched_at,
                    })),
                    None => out.push(Err(skip(at, "no html or text"))),
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_follow_the_name() {
        let cases = [
            ("a.txt", Some((Format::Page, false))),
            ("a.HTML.gz", Some((Format::Page, true))),
            ("x/b.htm", Some((Format::Page, false))),
            ("c.jsonl.gz", Some((Format::Jsonl, true))),
            ("CC-NEWS-2024.warc.gz", Some((Format::Warc, true))),
            ("d.warc", Some((Format::Warc, false))),
            ("e.pdf", None),
            ("f.gz", None),
        ];
        for (name, want) in cases {
            assert_eq!(format_of(name), want, "{name}");
        }
    }

    #[test]
    fn json_lines_keep_good_records_and_name_bad_ones() {
        let input = "{\"url\":\"u1\",\"text\":\"a\",\"fetched_at\":\"2019-05-01T00:00:00Z\"}\n\nnot json\n{\"url\":\"u2\"}\n{\"html\":\"<p>b</p>\"}";
        let pages = read_jsonl(input.as_bytes(), "f.jsonl");
        let names: Vec<String> = pages
            .iter()
            .map(|p| match p {
                Ok(p) => format!("ok {}", p.name),
                Err(s) => format!("skip {}", s.path),
            })
            .collect();
        assert_eq!(names, ["ok u1", "skip f.jsonl:3", "skip f.jsonl:4", "ok f.jsonl:5"]);
        assert_eq!(pages[0].as_ref().ok().and_then(Page::fetch_year), Some(2019));
    }

    #[test]
    fn long_lines_are_cut_not_read_whole() {
        let input = format!("{}\nshort\n", "x".repeat(100));
        let mut reader = BufReader::with_capacity(16, input.as_bytes());
        let mut line = Vec::new();
        assert_eq!(read_line_capped(&mut reader, &mut line, 10).ok(), Some(Some(true)));
        assert_eq!(line.len(), 10);
        assert_eq!(read_line_capped(&mut reader, &mut line, 10).ok(), Some(Some(false)));
        assert_eq!(line, b"short");
        assert_eq!(read_line_capped(&mut reader, &mut line, 10).ok(), Some(None));
    }
}
