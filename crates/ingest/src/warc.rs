//! A small WARC reader (ISO 28500, WARC/1.0 and 1.1): the pages in the `response` and `resource` records of a
//! crawl, such as Common Crawl's CC-NEWS.
//!
//! A record is a version line, header lines up to an empty line, `Content-Length` bytes of block, and two line
//! breaks. A `response` record's block is the HTTP response as fetched: its status line and headers are cut off
//! here, a chunked body is joined and a gzip- or deflate-encoded body decoded; only 2xx responses whose content
//! type is HTML or text (or is missing) become pages. Other records (`warcinfo`, `request`, `metadata`,
//! `revisit`) are not pages and pass silently. A record over the page size limit is skipped without being held
//! in memory; a malformed record ends the file with a reason, keeping the pages before it.

use crate::inputs::{Page, Skip, read_line_capped};
use flate2::read::{MultiGzDecoder, ZlibDecoder};
use std::io::{BufRead, Read};

/// Longest header line read; longer ones are cut.
const MAX_HEADER_LINE: usize = 64 * 1024;

/// One record's headers (names lower-cased) and block.
struct Record {
    headers: Vec<(String, String)>,
    block: Vec<u8>,
}

impl Record {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// The pages of the WARC stream `input`, named by their target URI; `file` names the input in skip reasons.
pub fn pages(mut input: impl BufRead, file: &str) -> Vec<Result<Page, Skip>> {
    let mut out = Vec::new();
    let limit = dyad_page::MAX_PAGE_BYTES as u64;
    let mut n = 0usize;
    loop {
        n += 1;
        let at = format!("{file}: record {n}");
        match next_record(&mut input, limit) {
            Ok(None) => break,
            Ok(Some(Err((uri, reason)))) => out.push(Err(Skip { path: uri.unwrap_or(at), reason })),
            Ok(Some(Ok(record))) => {
                if let Some(page) = page_of(&record).transpose() {
                    let uri = record.header("warc-target-uri").map(clean_uri).unwrap_or(at);
                    out.push(page.map_err(|reason| Skip { path: uri, reason }));
                }
            }
            Err(reason) => {
                out.push(Err(Skip { path: at, reason }));
                break;
            }
        }
    }
    out
}

type Next = Option<Result<Record, (Option<String>, String)>>;

/// The next record: `Ok(None)` at the end, an inner `Err` for a record skipped whole (too large), an outer `Err`
/// when the stream is not WARC (any more).
fn next_record(input: &mut impl BufRead, limit: u64) -> Result<Next, String> {
    let mut line = Vec::new();
    // Blank lines between records (the two line breaks that end each one).
    loop {
        match read_line_capped(input, &mut line, MAX_HEADER_LINE) {
            Ok(None) => return Ok(None),
            Ok(Some(_)) if line.iter().all(u8::is_ascii_whitespace) => continue,
            Ok(Some(_)) => break,
            Err(e) => return Err(format!("unreadable: {e}")),
        }
    }
    if !line.starts_with(b"WARC/") {
        return Err("not a WARC record (no WARC/ version line)".into());
    }
    let mut headers = Vec::new();
    loop {
        match read_line_capped(input, &mut line, MAX_HEADER_LINE) {
            Ok(None) => return Err("WARC record ends inside its headers".into()),
            Ok(Some(_)) => {}
            Err(e) => return Err(format!("unreadable: {e}")),
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches('\r');
        if text.is_empty() {
            break;
        }
        if let Some((name, value)) = text.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    let length: u64 = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .ok_or("WARC record without a valid Content-Length")?;
    let uri = headers.iter().find(|(n, _)| n == "warc-target-uri").map(|(_, v)| clean_uri(v));
    // An HTTP response carries its headers too: allow a little over the page limit before refusing the record.
    if length > limit + 64 * 1024 {
        let skipped = std::io::copy(&mut input.take(length), &mut std::io::sink()).map_err(|e| e.to_string())?;
        if skipped < length {
            return Err("WARC record ends early".into());
        }
        return Ok(Some(Err((uri, format!("WARC record is {length} bytes, over the {limit}-byte page limit")))));
    }
    let mut block = Vec::with_capacity(length as usize);
    input.take(length).read_to_end(&mut block).map_err(|e| format!("unreadable: {e}"))?;
    if (block.len() as u64) < length {
        return Err("WARC record ends early".into());
    }
    Ok(Some(Ok(Record { headers, block })))
}

/// WARC 1.0 wrote the target URI in angle brackets; 1.1 does not.
fn clean_uri(v: &str) -> String {
    v.trim().trim_start_matches('<').trim_end_matches('>').to_string()
}

/// The page a record holds: `Ok(None)` for records that are not pages, `Err` for a page that cannot be used.
fn page_of(record: &Record) -> Result<Option<Page>, String> {
    let kind = record.header("warc-type").unwrap_or("").to_ascii_lowercase();
    let content_type = record.header("content-type").unwrap_or("").to_ascii_lowercase();
    let body = match kind.as_str() {
        "response" if content_type.starts_with("application/http") => http_body(&record.block)?,
        "resource" | "response" => {
            if !content_type.is_empty() && !is_text(&content_type) {
                return Err(format!("not HTML or text ({content_type})"));
            }
            record.block.clone()
        }
        _ => return Ok(None),
    };
    let Some(name) = record.header("warc-target-uri").map(clean_uri) else {
        return Err("WARC record without WARC-Target-URI".into());
    };
    Ok(Some(Page { name, bytes: body, fetched: record.header("warc-date").map(str::to_string) }))
}

fn is_text(content_type: &str) -> bool {
    ["html", "text/plain", "xml"].iter().any(|t| content_type.contains(t))
}

/// The body of an HTTP response, decoded, if it is a 2xx page of HTML or text.
fn http_body(block: &[u8]) -> Result<Vec<u8>, String> {
    let (head, body) = match find(block, b"\r\n\r\n") {
        Some(at) => (&block[..at], &block[at + 4..]),
        None => match find(block, b"\n\n") {
            Some(at) => (&block[..at], &block[at + 2..]),
            None => return Err("HTTP response without a header end".into()),
        },
    };
    let head = String::from_utf8_lossy(head);
    let mut lines = head.lines();
    let status = lines.next().unwrap_or("");
    let code: u16 = status.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    if !(200..300).contains(&code) {
        return Err(format!("HTTP status {code}"));
    }
    let header = |name: &str| {
        head.lines()
            .skip(1)
            .filter_map(|l| l.split_once(':'))
            .find(|(n, _)| n.trim().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim().to_ascii_lowercase())
    };
    if let Some(t) = header("content-type")
        && !is_text(&t)
    {
        return Err(format!("not HTML or text ({t})"));
    }
    let mut body = body.to_vec();
    if header("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        body = unchunk(&body).ok_or("bad chunked HTTP body")?;
    }
    let limit = dyad_page::MAX_PAGE_BYTES as u64;
    let decoded = match header("content-encoding").as_deref() {
        Some("gzip" | "x-gzip") => Some(read_capped(MultiGzDecoder::new(body.as_slice()), limit)?),
        Some("deflate") => Some(read_capped(ZlibDecoder::new(body.as_slice()), limit)?),
        _ => None,
    };
    Ok(decoded.unwrap_or(body))
}

fn read_capped(reader: impl Read, limit: u64) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    reader.take(limit + 1).read_to_end(&mut out).map_err(|e| format!("bad compressed HTTP body: {e}"))?;
    if out.len() as u64 > limit {
        return Err(format!("page is over the {limit}-byte limit (decompressed)"));
    }
    Ok(out)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Joins a chunked HTTP body; `None` when it is malformed.
fn unchunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let end = find(body, b"\r\n")?;
        let size_text = std::str::from_utf8(&body[..end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        body = &body[end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size..)?;
        body = body.strip_prefix(b"\r\n").unwrap_or(body);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A WARC response record of `html` fetched from `uri`.
    fn record(uri: &str, date: &str, http: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n\
             Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            http.len()
        )
        .into_bytes();
        out.extend_from_slice(http);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn http(body: &[u8]) -> Vec<u8> {
        let mut out = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
        out.extend_from_slice(body);
        out
    }

    fn names(input: &[u8]) -> Vec<String> {
        pages(input, "t.warc")
            .into_iter()
            .map(|p| match p {
                Ok(p) => format!("ok {} {}", p.name, p.bytes.len()),
                Err(s) => format!("skip {}: {}", s.path, s.reason),
            })
            .collect()
    }

    #[test]
    fn response_records_become_pages_and_others_pass() {
        let mut warc = b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n".to_vec();
        warc.extend(record("<http://a.example/1>", "2019-05-01T10:00:00Z", &http(b"<p>one</p>")));
        warc.extend(record("http://a.example/404", "2019-05-01T10:00:00Z", b"HTTP/1.1 404 Not Found\r\n\r\nno"));
        warc.extend(record(
            "http://a.example/img",
            "2019-05-01T10:00:00Z",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        ));
        warc.extend(record(
            "http://a.example/chunked",
            "2019-05-01T10:00:00Z",
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n<p>a\r\n5\r\nb</p>\r\n0\r\n\r\n",
        ));
        warc.extend_from_slice(b"garbage after the records");
        assert_eq!(
            names(&warc),
            [
                "ok http://a.example/1 10",
                "skip http://a.example/404: HTTP status 404",
                "skip http://a.example/img: not HTML or text (image/png)",
                "ok http://a.example/chunked 9",
                "skip t.warc: record 6: not a WARC record (no WARC/ version line)",
            ]
        );
        let first = pages(warc.as_slice(), "t.warc").into_iter().flatten().next().expect("a page");
        assert_eq!(first.fetched.as_deref(), Some("2019-05-01T10:00:00Z"));
        assert_eq!(first.fetch_year(), Some(2019));
    }

    proptest! {
        #[test]
        fn records_read_back_as_written(
            bodies in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..300), 0..6)
        ) {
            let mut warc = Vec::new();
            for (i, body) in bodies.iter().enumerate() {
                warc.extend(record(&format!("http://x/{i}"), "2020-01-01T00:00:00Z", &http(body)));
            }
            let got: Vec<(String, Vec<u8>)> =
                pages(warc.as_slice(), "p.warc").into_iter().filter_map(Result::ok).map(|p| (p.name, p.bytes)).collect();
            let want: Vec<(String, Vec<u8>)> =
                bodies.iter().enumerate().map(|(i, b)| (format!("http://x/{i}"), b.clone())).collect();
            prop_assert_eq!(got, want);
        }

        #[test]
        fn any_bytes_end_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000), prefix in any::<bool>()) {
            let mut input = if prefix { b"WARC/1.0\r\nContent-Length: 5\r\n".to_vec() } else { Vec::new() };
            input.extend(bytes);
            let _ = pages(input.as_slice(), "junk.warc");
        }
    }
}
