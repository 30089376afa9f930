//! Runs the generator over every entry file of the real-world corpus (`/work/shared/corpus`,
//! see its README): nothing may panic, nothing may be an error, and every emitted file must
//! parse as Rust.

mod common;

use std::path::{Path, PathBuf};

use common::corpus;
use soapstone_codegen::{Error, Layout, Settings};

/// Entry files of one set: its WSDL files, or for XSD-only sets every schema file.
fn entries(set: &Path) -> Vec<PathBuf> {
    let mut wsdls: Vec<PathBuf> = std::fs::read_dir(set)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "wsdl"))
        .collect();
    if wsdls.is_empty() {
        let mut stack = vec![set.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|e| e == "xsd") {
                    wsdls.push(p);
                }
            }
        }
    }
    wsdls.sort();
    wsdls
}

fn run(inputs: &[PathBuf], catalog: Option<&Path>) -> Result<(usize, usize), String> {
    let mut s = Settings::new();
    s.with_inputs(inputs.iter().cloned())
        .with_layout(Layout::ModuleFiles);
    if let Some(c) = catalog {
        s.with_catalog(c);
    }
    let outcome = std::panic::catch_unwind(|| s.generate());
    match outcome {
        Err(_) => Err(format!("PANIC on {inputs:?}")),
        Ok(Err(Error::Schema {
            diagnostics,
            sources,
        })) => Err(diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.render(&sources))
            .collect::<Vec<_>>()
            .join("\n")),
        Ok(Err(e)) => Err(format!("{inputs:?}: {e}")),
        Ok(Ok(g)) => {
            for f in &g.files {
                if let Err(e) = syn::parse_file(&f.contents) {
                    return Err(format!(
                        "{inputs:?}: {} does not parse: {e}",
                        f.path.display()
                    ));
                }
            }
            Ok((g.model.types.len(), g.warnings.len()))
        }
    }
}

#[test]
fn every_corpus_entry_generates_without_errors() {
    let root = corpus();
    assert!(
        root.join("README.md").is_file(),
        "corpus not found at {} (set SOAPSTONE_CORPUS)",
        root.display()
    );
    let mut sets: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    sets.sort();
    assert_eq!(sets.len(), 15, "{sets:?}");
    let mut failures = Vec::new();
    let mut runs = 0;
    for set in &sets {
        let catalog = set.join("catalog.xml");
        let catalog = catalog.is_file().then_some(catalog.as_path());
        let files = entries(set);
        assert!(!files.is_empty(), "{}", set.display());
        // Every entry alone (what a user generating one service does) ...
        for f in &files {
            runs += 1;
            if let Err(e) = run(std::slice::from_ref(f), catalog) {
                failures.push(e);
            }
        }
        // ... and the whole set at once (shared imports, duplicate definitions across files).
        runs += 1;
        match run(&files, catalog) {
            Ok((types, warnings)) => eprintln!(
                "{}: {} entries, {types} types, {warnings} warnings",
                set.file_name().unwrap().to_string_lossy(),
                files.len()
            ),
            Err(e) => failures.push(e),
        }
    }
    assert!(runs > 250, "only {runs} runs");
    // No allow-list: every entry of every set generates without errors.
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
