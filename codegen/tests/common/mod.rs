//! Helpers shared by the integration tests: inline schemas written to a scratch directory.

#![allow(dead_code)] // each test binary uses a different subset of the helpers

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use soapstone_codegen::model::{RustType, TypeKind};
use soapstone_codegen::{Diagnostic, Error, Generated, Layout, Settings};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A fresh directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir()
        .join("soapstone-codegen-tests")
        .join(format!("{}-{name}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `files` (name, content) into a fresh directory and returns it.
pub fn write_set(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = scratch(name);
    for (file, content) in files {
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
    dir
}

pub fn settings_for(paths: &[PathBuf]) -> Settings {
    let mut s = Settings::new();
    s.with_inputs(paths.iter().cloned())
        .with_layout(Layout::SingleFile("out.rs".into()));
    s
}

fn unwrap_generated(r: Result<Generated, Error>) -> Generated {
    match r {
        Ok(g) => g,
        Err(Error::Schema {
            diagnostics,
            sources,
        }) => {
            let rendered: Vec<String> = diagnostics.iter().map(|d| d.render(&sources)).collect();
            panic!("generation failed:\n{}", rendered.join("\n"))
        }
        Err(e) => panic!("generation failed: {e}"),
    }
}

/// Generates from one inline schema document (XSD or WSDL).
pub fn gen_one(name: &str, text: &str) -> Generated {
    gen_set(name, &[("input.xml", text)], "input.xml")
}

/// Generates from a set of files, starting at `entry`.
pub fn gen_set(name: &str, files: &[(&str, &str)], entry: &str) -> Generated {
    let dir = write_set(name, files);
    unwrap_generated(settings_for(&[dir.join(entry)]).generate())
}

/// The diagnostics of a failing generation.
pub fn gen_err(name: &str, files: &[(&str, &str)], entry: &str) -> Vec<Diagnostic> {
    let dir = write_set(name, files);
    match settings_for(&[dir.join(entry)]).generate() {
        Ok(g) => panic!("expected errors, got warnings {:?}", g.warnings),
        Err(Error::Schema { diagnostics, .. }) => diagnostics,
        Err(e) => panic!("unexpected error {e}"),
    }
}

/// The single output file.
pub fn text(g: &Generated) -> String {
    assert_eq!(g.files.len(), 1);
    g.files[0].contents.clone()
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Compares the generated text with the checked-in golden file `path` (relative to this
/// crate); `SOAPSTONE_BLESS=1` rewrites the file first.
pub fn assert_golden(g: &Generated, path: &str) {
    let path = PathBuf::from(path);
    if std::env::var_os("SOAPSTONE_BLESS").is_some() {
        std::fs::write(&path, text(g)).expect("write the golden file");
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == text(g),
        "{} is stale: regenerate with SOAPSTONE_BLESS=1 and review the diff",
        path.display()
    );
}

/// Asserts that `needle` occurs in the generated text, ignoring whitespace.
#[track_caller]
pub fn assert_has(g: &Generated, needle: &str) {
    let t = text(g);
    assert!(
        squash(&t).contains(&squash(needle)),
        "`{needle}` not found in:\n{t}"
    );
}

#[track_caller]
pub fn assert_lacks(g: &Generated, needle: &str) {
    let t = text(g);
    assert!(
        !squash(&t).contains(&squash(needle)),
        "`{needle}` unexpectedly found in:\n{t}"
    );
}

/// The generated type with this Rust name.
#[track_caller]
pub fn ty<'a>(g: &'a Generated, name: &str) -> &'a RustType {
    g.model
        .types
        .values()
        .find(|t| t.name == name)
        .unwrap_or_else(|| {
            let names: Vec<&str> = g.model.types.values().map(|t| t.name.as_str()).collect();
            panic!("no type {name}; have {names:?}")
        })
}

#[track_caller]
pub fn struct_fields(g: &Generated, name: &str) -> Vec<String> {
    match &ty(g, name).kind {
        TypeKind::Struct(s) => s.fields.iter().map(|f| f.name.clone()).collect(),
        other => panic!("{name} is not a struct: {other:?}"),
    }
}

/// Wraps schema content in an `xs:schema` with target namespace `urn:t` and prefix `t`.
pub fn xsd(body: &str) -> String {
    format!(
        r#"<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:t"
           targetNamespace="urn:t" elementFormDefault="qualified">
{body}
</xs:schema>"#
    )
}

/// The real-world corpus (`$SOAPSTONE_CORPUS`, default `../../shared/corpus` from this crate).
pub fn corpus() -> PathBuf {
    match std::env::var_os("SOAPSTONE_CORPUS") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus"),
    }
}
