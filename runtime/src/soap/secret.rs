//! A string that must never reach logs and must not outlive its use in memory.

use std::fmt;

use zeroize::{Zeroize, ZeroizeOnDrop};

/// A password or other credential. `Debug` and `Display` print `<redacted>`; the value is
/// only reachable through [`Secret::expose`], so every use of the plain text is greppable.
///
/// The buffer (its whole capacity, not only the text) is overwritten with zeros when the
/// secret is dropped or [`Zeroize::zeroize`]d. Copies the caller makes from
/// [`Secret::expose`] (an encoded envelope, a `String` built from it) are not covered.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    /// Wraps a credential.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The plain text, for the code that has to put it on the wire or compare it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the secret is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Zeroize for Secret {
    fn zeroize(&mut self) {
        self.0.zeroize();
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        self.zeroize();
    }
}

impl ZeroizeOnDrop for Secret {}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Compiles only for types that promise to wipe themselves when dropped.
    fn wiped_on_drop<T: ZeroizeOnDrop>() {}

    #[test]
    fn secret_is_wiped_on_drop() {
        wiped_on_drop::<Secret>();
    }

    #[test]
    fn zeroize_clears_the_value() {
        let mut secret = Secret::new("hunter2");
        secret.zeroize();
        assert!(secret.is_empty());
        assert_eq!(secret.expose(), "");
    }

    #[test]
    fn clones_are_independent() {
        let original = Secret::new("hunter2");
        let mut copy = original.clone();
        copy.zeroize();
        assert_eq!(original.expose(), "hunter2");
        assert!(copy.is_empty());
    }

    #[test]
    fn formatting_redacts() {
        let secret = Secret::new("hunter2");
        assert_eq!(format!("{secret:?}"), "Secret(<redacted>)");
        assert_eq!(format!("{secret}"), "<redacted>");
    }
}
