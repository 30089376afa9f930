//! The same inputs give byte-identical output, whatever their order and however often.

mod common;

use std::path::PathBuf;

use common::corpus;
use soapstone_codegen::{GeneratedFile, Layout, Settings};

fn generate(inputs: &[PathBuf], catalog: Option<PathBuf>) -> Vec<GeneratedFile> {
    let mut s = Settings::new();
    s.with_inputs(inputs.iter().cloned())
        .with_layout(Layout::ModuleFiles);
    if let Some(c) = catalog {
        s.with_catalog(c);
    }
    s.generate().expect("generation succeeds").files
}

fn chat_wsdls() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../wsdl");
    vec![
        root.join("oracle/chat-server.wsdl"),
        root.join("oracle/chat-site-v1_1.wsdl"),
        root.join("oracle/chat-site-v1_2.wsdl"),
        root.join("ece/ece-chat-11.6.wsdl"),
    ]
}

#[test]
fn chat_wsdls_twice_and_reversed_are_identical() {
    let inputs = chat_wsdls();
    let first = generate(&inputs, None);
    assert!(first.len() > 3);
    assert_eq!(first, generate(&inputs, None));
    let mut reversed = inputs.clone();
    reversed.reverse();
    assert_eq!(first, generate(&reversed, None));
}

#[test]
fn multi_file_corpus_sets_are_stable() {
    let onvif = corpus().join("onvif-2.4-zeep");
    let mut wsdls: Vec<PathBuf> = std::fs::read_dir(&onvif)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "wsdl"))
        .collect();
    wsdls.sort();
    let catalog = Some(onvif.join("catalog.xml"));
    let a = generate(&wsdls, catalog.clone());
    wsdls.reverse();
    let b = generate(&wsdls, catalog);
    assert_eq!(a, b);
    let ews = corpus().join("ews-2016/services.wsdl");
    assert_eq!(
        generate(std::slice::from_ref(&ews), None),
        generate(&[ews], None)
    );
}
