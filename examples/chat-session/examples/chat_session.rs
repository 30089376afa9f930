//! README command 1: `cargo run --example chat_session`.
//!
//! Starts an embedded mock of the Oracle B2C Chat and Cisco ECE chat services on 127.0.0.1,
//! runs a whole chat session against each through the soapstone-generated clients and prints
//! the transcript. `--help` lists the flags (and environment variables) that point it at real
//! servers instead.

use std::process::ExitCode;

fn main() -> ExitCode {
    soapstone_chat_session::cli::main_with(
        std::env::args_os(),
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    )
}
