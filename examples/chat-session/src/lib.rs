//! The chat session of README command 1 (`cargo run --example chat_session`).
//!
//! - [`mock`]: an embedded mock of both vendors' chat services, written against the generated
//!   `Service` traits of `soapstone-generated` and served with axum on 127.0.0.1: the Oracle B2C
//!   chat site (v1_2 and v1_1) and chat server, and the Cisco ECE entry-point API.
//! - [`session`]: a whole chat session driven through the generated clients, against the mock
//!   or a real server, returning a typed summary and writing a readable transcript.
//! - [`cli`]: the command line of the example (flags and environment variables).

pub mod cli;
pub mod mock;
pub mod session;
