//! Decodes a recorded Oracle `RetrieveMessagesResponse` envelope and an ECE
//! `agentAvailability` document with the bindings `build.rs` generated, and prints them.
//!
//! ```text
//! cargo run -p soapstone-example-build-rs [-- <retrieve_messages envelope> [<agentAvailability xml>]]
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use soapstone_example_build_rs::{
    chat, decode_agent_availability, decode_retrieve_messages, transcript,
};

fn fixture(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(relative)
}

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1).map(PathBuf::from);
    let oracle = args
        .next()
        .unwrap_or_else(|| fixture("oracle/server/retrieve_messages.response.xml"));
    let ece = args
        .next()
        .unwrap_or_else(|| fixture("ece/agent_availability.response.xml"));

    use chat::enduser::chat_server_binding::retrieve_messages as op;
    println!(
        "{} (SOAPAction {:?}, {} style)",
        op::NAME,
        op::SOAP_ACTION.unwrap_or(""),
        op::STYLE
    );
    let response = match std::fs::read(&oracle)
        .map_err(|e| e.to_string())
        .and_then(|xml| decode_retrieve_messages(&xml).map_err(|e| e.to_string()))
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {}: {e}", oracle.display());
            return ExitCode::FAILURE;
        }
    };
    println!("{response:#?}");
    for line in transcript(&response) {
        println!("  {line}");
    }

    let availability = match std::fs::read_to_string(&ece)
        .map_err(|e| e.to_string())
        .and_then(|xml| decode_agent_availability(&xml).map_err(|e| e.to_string()))
    {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {}: {e}", ece.display());
            return ExitCode::FAILURE;
        }
    };
    println!("ECE agentAvailability: {availability:?}");
    ExitCode::SUCCESS
}
