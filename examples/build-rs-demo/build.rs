//! Generates Rust bindings for the Oracle chat server WSDL and the Cisco ECE chat WSDL into
//! `$OUT_DIR/soapstone.rs` on every build where one of them (or anything they import) changed.

use std::path::PathBuf;

fn main() {
    // Absolute paths: the generator's lexical path normalisation currently drops a second
    // leading `..` (`../../wsdl` becomes `wsdl`), so relative inputs that climb two levels
    // would not be found. Anchoring them at the manifest directory sidesteps that.
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let wsdl = root.join("../../wsdl");
    let mut settings = soapstone_codegen::Settings::new();
    settings
        .with_input(wsdl.join("oracle/chat-server.wsdl"))
        .with_input(wsdl.join("ece/ece-chat-11.6.wsdl"))
        // Short module names instead of the ones derived from the namespace URIs.
        .with_module_name("urn:messages.enduser.chat.ws.rightnow.com/v1", "enduser")
        .with_module_name("urn:messages.common.chat.ws.rightnow.com/v1", "common")
        .with_module_name("urn:faults.chat.ws.rightnow.com/v1", "faults")
        .with_module_name("http://bindings.egain.com/chat", "egain")
        .with_module_name("http://bindings.egain.com/chat/wsdl", "egain_wsdl")
        .with_module_name("", "ece")
        // Fail the build on any schema warning rather than scrolling it past.
        .with_warnings_as_errors(true);
    // `compile` writes into OUT_DIR (only when the text changed) and prints
    // `cargo:rerun-if-changed` for both WSDLs and every XSD they import.
    if let Err(e) = settings.compile() {
        // Rendered diagnostics (file:line:column and the source line) instead of a Debug dump.
        match &e {
            soapstone_codegen::Error::Schema {
                diagnostics,
                sources,
            } => {
                for d in diagnostics {
                    eprintln!("{}", d.render(sources));
                }
            }
            other => eprintln!("{other}"),
        }
        panic!("soapstone code generation failed: {e}");
    }
}
