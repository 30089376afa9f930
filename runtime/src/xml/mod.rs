//! Namespace-exact XML reading and writing, and the traits generated types implement.

mod text;

pub use text::{NamespaceScope, PrefixScope, QNameRef, ValueError, XmlText};
