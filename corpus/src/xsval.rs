//! The second validator: Python `xmlschema`, for documents whose schemas libxml2 cannot compile.
//!
//! libxml2 refuses some real schemas outright (EWS `types.xsd` breaks Unique Particle
//! Attribution). `xmlschema` builds the schema strictly first; when the only error is a content
//! model that is not deterministic (UPA), it builds it again in its lax mode, which keeps every
//! component and matches the offending model greedily, and validates with that. Any other
//! schema error (an unresolved reference, an illegal import) is a refusal: a schema built
//! around missing components would accept anything, so nothing is validated against it.
//!
//! One `python3` process validates a whole batch and compiles each schema once.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Reads `schema-candidates \t instance` lines (candidates separated by `|`, tried in order
/// until one builds) and prints one line per input: `ok \t <how> \t <schema>`,
/// `invalid \t <how> \t <reason>` or `refused \t \t <why>`.
const SCRIPT: &str = r#"
import sys
import xmlschema
from xmlschema import XMLSchemaModelError

def one_line(e):
    msg = getattr(e, "message", None) or str(e)
    where = getattr(e, "schema_url", None) or ""
    path = getattr(e, "path", None) or ""
    text = f"{where} {path}: {msg}" if where else msg
    return " ".join(text.split())[:400]

cache = {}

def load(path):
    if path not in cache:
        try:
            cache[path] = (xmlschema.XMLSchema(path, allow="local"), "strict")
        except XMLSchemaModelError as e:
            note = "lax: UPA violation tolerated (" + one_line(e) + ")"
            try:
                cache[path] = (xmlschema.XMLSchema(path, allow="local", validation="lax"), note)
            except Exception as e2:
                cache[path] = (None, one_line(e2))
        except Exception as e:
            cache[path] = (None, one_line(e))
    return cache[path]

for line in sys.stdin:
    line = line.rstrip("\n")
    if not line:
        continue
    schemas, instance = line.split("\t")
    refusals = []
    for schema_path in schemas.split("|"):
        schema, how = load(schema_path)
        if schema is None:
            refusals.append(how)
            continue
        try:
            err = next(iter(schema.iter_errors(instance)), None)
        except Exception as e:
            err = e
        if err is None:
            print(f"ok\t{how}\t{schema_path}", flush=True)
        else:
            reason = getattr(err, "reason", None) or one_line(err)
            where = getattr(err, "path", None) or ""
            print(f"invalid\t{how}\t{' '.join((reason + ' at ' + where).split())[:400]}", flush=True)
        break
    else:
        print(f"refused\t\t{' | '.join(refusals)}", flush=True)
"#;

/// The outcome for one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XsOutcome {
    /// Valid; `how` is `strict` or the lax note.
    Valid {
        /// How the schema was built.
        how: String,
    },
    /// Invalid, with the first reason.
    Invalid {
        /// How the schema was built.
        how: String,
        /// xmlschema's reason and path.
        reason: String,
    },
    /// Every candidate schema was refused (the reasons), or xmlschema could not be run.
    Refused(String),
}

/// Validates each `(schema candidates, document)` with xmlschema; documents are written under
/// `dir`.
pub fn validate_batch(dir: &Path, jobs: &[(Vec<PathBuf>, String)]) -> Vec<XsOutcome> {
    if jobs.is_empty() {
        return Vec::new();
    }
    match run(dir, jobs) {
        Ok(v) => v,
        Err(e) => vec![XsOutcome::Refused(e); jobs.len()],
    }
}

fn run(dir: &Path, jobs: &[(Vec<PathBuf>, String)]) -> Result<Vec<XsOutcome>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut input = String::new();
    for (i, (schemas, xml)) in jobs.iter().enumerate() {
        let file = dir.join(format!("{i}.xml"));
        std::fs::write(&file, xml).map_err(|e| format!("{}: {e}", file.display()))?;
        let schemas: Vec<String> = schemas.iter().map(|s| s.display().to_string()).collect();
        input.push_str(&format!("{}\t{}\n", schemas.join("|"), file.display()));
    }
    let python = std::env::var_os("PYTHON").unwrap_or_else(|| "python3".into());
    let mut child = Command::new(python)
        .args(["-c", SCRIPT])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run python3 (needed for xmlschema): {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(input.as_bytes())
            .map_err(|e| format!("python3 stdin: {e}"))?;
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let results: Vec<XsOutcome> = stdout
        .lines()
        .map(|l| {
            let mut parts = l.splitn(3, '\t');
            let (kind, how, rest) = (
                parts.next().unwrap_or(""),
                parts.next().unwrap_or("").to_string(),
                parts.next().unwrap_or("").to_string(),
            );
            match kind {
                "ok" => XsOutcome::Valid { how },
                "invalid" => XsOutcome::Invalid { how, reason: rest },
                _ => XsOutcome::Refused(rest),
            }
        })
        .collect();
    if results.len() != jobs.len() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let last = stderr.lines().rev().find(|l| !l.trim().is_empty());
        return Err(format!(
            "xmlschema ({}) answered {} of {} documents: {}",
            out.status,
            results.len(),
            jobs.len(),
            last.unwrap_or("no message (is the Python package `xmlschema` installed?)")
        ));
    }
    Ok(results)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A schema breaking UPA (what libxml2 refuses) still validates, in lax mode, and invalid
    /// documents are still reported; a schema with an unresolved type is refused.
    #[test]
    fn upa_violations_are_tolerated_and_other_schema_errors_refused() {
        let dir =
            std::env::temp_dir().join(format!("soapstone-corpus-xsval-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let upa = dir.join("upa.xsd");
        std::fs::write(
            &upa,
            r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="r">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="a" type="xs:int" minOccurs="0"/>
        <xs:element name="a" type="xs:int"/>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
</xs:schema>"#,
        )
        .expect("write");
        let broken = dir.join("broken.xsd");
        std::fs::write(
            &broken,
            r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="r" type="Missing"/>
</xs:schema>"#,
        )
        .expect("write");
        let out = validate_batch(
            &dir.join("docs"),
            &[
                (vec![upa.clone()], "<r><a>1</a><a>2</a></r>".into()),
                (vec![upa.clone()], "<r><a>x</a><a>2</a></r>".into()),
                (vec![broken.clone()], "<r/>".into()),
                (vec![broken, upa], "<r><a>1</a><a>2</a></r>".into()),
            ],
        );
        assert!(
            matches!(&out[0], XsOutcome::Valid { how } if how.starts_with("lax: UPA")),
            "{out:?}"
        );
        assert!(matches!(&out[1], XsOutcome::Invalid { .. }), "{out:?}");
        assert!(
            matches!(&out[2], XsOutcome::Refused(why) if why.contains("Missing")),
            "{out:?}"
        );
        assert!(
            matches!(&out[3], XsOutcome::Valid { .. }),
            "second candidate: {out:?}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
