//! The XSD-only inputs of a corpus set, for the generators that take XML Schema and not WSDL
//! (xsd-parser). Both soapstone and xsd-parser are then given exactly these files.
//!
//! Every schema embedded in a WSDL's `types` becomes a file of its own, with the namespace
//! declarations in scope at that point (those of `definitions` and `types`) copied onto its
//! `schema` element, as a schema processor reading the WSDL sees them. The set's stand-alone
//! schema files are copied next to them so relative `schemaLocation`s keep resolving, and the
//! absolute locations the set's XML catalog maps to local files are rewritten to those files
//! (soapstone reads the catalog; xsd-parser has no catalog support and no network here).

use std::path::{Path, PathBuf};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// What went wrong, as text: this is a measuring program, its errors end it.
pub type Error = String;

/// Writes the set's XSD-only inputs into `out` (emptied first) and returns them, sorted.
pub fn prepare(set_dir: &Path, catalog: Option<&Path>, out: &Path) -> Result<Vec<PathBuf>, Error> {
    let _ = std::fs::remove_dir_all(out);
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let map = match catalog {
        Some(c) => read_catalog(c)?,
        None => Vec::new(),
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(set_dir)
        .map_err(|e| format!("{}: {e}", set_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    entries.sort();
    let mut written = Vec::new();
    for path in entries {
        if catalog.is_some_and(|c| c == path) {
            continue;
        }
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| format!("{}: not a UTF-8 file name", path.display()))?;
        if path.extension().is_some_and(|x| x == "wsdl") {
            let stem = name.trim_end_matches(".wsdl");
            for (i, schema) in embedded_schemas(&text)
                .map_err(|e| format!("{}: {e}", path.display()))?
                .into_iter()
                .enumerate()
            {
                let dest = out.join(format!("{stem}.schema{}.xsd", i + 1));
                write(&dest, &rewrite_locations(&schema, &map))?;
                written.push(dest);
            }
        } else if is_schema(&text) {
            let dest = out.join(name);
            write(&dest, &rewrite_locations(&text, &map))?;
            written.push(dest);
        }
    }
    written.sort();
    Ok(written)
}

fn write(path: &Path, text: &str) -> Result<(), Error> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Whether the document's root element is an XML Schema `schema` (the extension-less files
/// of the ONVIF set are schemas fetched by URL).
fn is_schema(text: &str) -> bool {
    let mut reader = Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                return e.local_name().as_ref() == "schema";
            }
            Ok(Event::Eof) | Err(_) => return false,
            Ok(_) => {}
        }
    }
}

/// `(name or systemId, uri)` pairs of an OASIS catalog, the URIs made absolute.
fn read_catalog(path: &Path) -> Result<Vec<(String, String)>, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut reader = Reader::from_str(&text);
    let mut out = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                let key = match e.local_name().as_ref() {
                    "uri" => "name",
                    "system" => "systemId",
                    _ => continue,
                };
                let (mut from, mut to) = (None, None);
                for a in e.attributes().flatten() {
                    let v = a.value.clone().into_owned();
                    if a.key.local_name().as_ref() == key {
                        from = Some(v);
                    } else if a.key.local_name().as_ref() == "uri" {
                        to = Some(v);
                    }
                }
                if let (Some(f), Some(t)) = (from, to) {
                    // Copied files keep their names, so the catalog's relative target is the
                    // copy's name too.
                    out.push((f, t));
                }
            }
            Ok(Event::Eof) => return Ok(out),
            Err(e) => return Err(format!("{}: {e}", path.display())),
            Ok(_) => {}
        }
    }
}

fn rewrite_locations(text: &str, map: &[(String, String)]) -> String {
    let mut text = text.to_owned();
    for (from, to) in map {
        for q in ['"', '\''] {
            text = text.replace(
                &format!("schemaLocation={q}{from}{q}"),
                &format!("schemaLocation={q}{to}{q}"),
            );
        }
    }
    text
}

/// The `schema` elements directly inside a WSDL's `types`, each as a stand-alone document.
fn embedded_schemas(wsdl: &str) -> Result<Vec<String>, Error> {
    let mut reader = Reader::from_str(wsdl);
    // Local names of the open elements, and the namespace declarations each one made.
    let mut stack: Vec<(String, Vec<(String, String)>)> = Vec::new();
    let mut out = Vec::new();
    loop {
        let before = reader.buffer_position() as usize;
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                let local = e.local_name().as_ref().to_owned();
                let in_types = stack.last().is_some_and(|(n, _)| n == "types");
                if local == "schema" && in_types {
                    let inherited: Vec<(String, String)> =
                        stack.iter().flat_map(|(_, d)| d.iter().cloned()).collect();
                    let tag_len = tag_length(&e);
                    reader
                        .read_to_end(e.name())
                        .map_err(|err| format!("schema at byte {before}: {err}"))?;
                    let end = reader.buffer_position() as usize;
                    out.push(standalone(&wsdl[before..end], tag_len, &inherited, &e));
                } else {
                    stack.push((local, ns_decls(&e)));
                }
            }
            Ok(Event::End(_)) => {
                stack.pop();
            }
            Ok(Event::Eof) => return Ok(out),
            Err(e) => return Err(format!("at byte {}: {e}", reader.error_position())),
            Ok(_) => {}
        }
    }
}

fn ns_decls(e: &BytesStart<'_>) -> Vec<(String, String)> {
    e.attributes()
        .flatten()
        .filter(|a| {
            let k = a.key.as_ref();
            k == "xmlns" || k.starts_with("xmlns:")
        })
        .map(|a| (a.key.as_ref().to_owned(), a.value.clone().into_owned()))
        .collect()
}

/// Length in bytes of `<` + the element name.
fn tag_length(e: &BytesStart<'_>) -> usize {
    1 + e.name().as_ref().len()
}

/// `raw` (the schema element's source text) with the inherited declarations it does not make
/// itself inserted after its name; inner declarations win over outer ones.
fn standalone(
    raw: &str,
    tag_len: usize,
    inherited: &[(String, String)],
    e: &BytesStart<'_>,
) -> String {
    let own: Vec<String> = ns_decls(e).into_iter().map(|(k, _)| k).collect();
    let mut added: Vec<(String, String)> = Vec::new();
    for (k, v) in inherited.iter().rev() {
        if own.contains(k) || added.iter().any(|(a, _)| a == k) {
            continue;
        }
        added.push((k.clone(), v.clone()));
    }
    added.sort();
    let mut s = String::with_capacity(raw.len() + 64 * added.len() + 64);
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str(&raw[..tag_len]);
    for (k, v) in &added {
        let q = if v.contains('"') { '\'' } else { '"' };
        s.push_str(&format!(" {k}={q}{v}{q}"));
    }
    s.push_str(&raw[tag_len..]);
    s.push('\n');
    s
}
