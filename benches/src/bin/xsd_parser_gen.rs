//! The xsd-parser peer of `codegen_timing`: runs the `xsd-parser` crate (a library without a
//! command-line tool of its own) on XSD files, as its documented `simple` example does, so that
//! `codegen_timing` can time it as a separate process like `soapstone generate` and gSOAP.
//!
//! ```text
//! xsd_parser_gen types|serde|quick-xml OUT.rs SCHEMA.xsd...
//! ```
//!
//! `types` is `Config::default()`: type definitions only. `serde` is
//! `Config::default().with_serde_quick_xml()`: the types with serde derives for quick-xml's
//! serde support. `quick-xml` is
//! `Config::default().with_quick_xml()`: the same types plus xsd-parser's generated quick-xml
//! readers and writers, the functional counterpart of soapstone's bindings (which read and
//! write XML through derives). Nothing else is configured. The output is xsd-parser's token
//! stream as text (what its example writes), unformatted: formatting is left to the caller and
//! not timed. On failure the error chain goes to stderr and the exit status is 1.

use std::path::PathBuf;
use std::process::ExitCode;

use xsd_parser::config::Schema;
use xsd_parser::{Config, generate};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(mode), Some(out)) = (args.next(), args.next()) else {
        eprintln!("usage: xsd_parser_gen types|serde|quick-xml OUT.rs SCHEMA.xsd...");
        return ExitCode::from(2);
    };
    let mut config = match mode.as_str() {
        "types" => Config::default(),
        "serde" => Config::default().with_serde_quick_xml(),
        "quick-xml" => Config::default().with_quick_xml(),
        other => {
            eprintln!("unknown mode {other}: types, serde or quick-xml");
            return ExitCode::from(2);
        }
    };
    let mut inputs = Vec::new();
    for a in args {
        // The file resolver resolves relative `schemaLocation`s against the including file's
        // path, so give it absolute ones.
        match PathBuf::from(&a).canonicalize() {
            Ok(p) => inputs.push(p),
            Err(e) => {
                eprintln!("{a}: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    if inputs.is_empty() {
        eprintln!("no schema files given");
        return ExitCode::from(2);
    }
    config.parser.schemas = inputs.into_iter().map(Schema::File).collect();
    let code = match generate(config) {
        Ok(code) => code.to_string(),
        Err(e) => {
            eprintln!("xsd-parser: {e}");
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                eprintln!("  caused by: {s}");
                source = s.source();
            }
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = std::fs::write(&out, code) {
        eprintln!("{out}: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
