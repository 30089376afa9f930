//! Decimal digits written straight into the writer's buffer.
//!
//! A value's text used to be assembled in a stack buffer and appended: that append reads back
//! bytes stored one at a time a moment before, which the CPU cannot forward from its store
//! buffer, so it waits for them (and a variable-length append is a `memcpy` call). Here a
//! template of fixed length is appended and the digits are stored over it, then the length is
//! cut: only stores, and every copy has a length known at compile time.

/// `"00" "01" ... "99"`: two digits per table entry.
const PAIRS: &[u8; 200] = b"\
0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

/// The two ASCII digits of `v % 100`.
#[inline(always)]
pub(crate) fn pair(v: u64) -> [u8; 2] {
    let i = (v % 100) as usize * 2;
    [PAIRS[i], PAIRS[i + 1]]
}

/// The most bytes [`push_decimal`] writes: `-` and the 20 digits of `u64::MAX`.
const DECIMAL_MAX: usize = 21;

/// Appends `[-]magnitude` in decimal.
#[inline]
pub(crate) fn push_decimal(out: &mut Vec<u8>, negative: bool, magnitude: u64) {
    // Counts, ids and small numbers: most values on the wire.
    if !negative && magnitude < 100 {
        if magnitude < 10 {
            out.push(b'0' + magnitude as u8);
        } else {
            out.extend_from_slice(&pair(magnitude));
        }
        return;
    }
    let len = usize::from(negative) + magnitude.checked_ilog10().unwrap_or(0) as usize + 1;
    let at = out.len();
    out.extend_from_slice(&[b'-'; DECIMAL_MAX]);
    if let Ok(room) = <&mut [u8; DECIMAL_MAX]>::try_from(&mut out[at..]) {
        // From the last digit back; a negative number's `-` is the template's first byte.
        let mut i = len.min(DECIMAL_MAX);
        let mut m = magnitude;
        while m >= 10 && i >= 2 {
            [room[i - 2], room[i - 1]] = pair(m);
            i -= 2;
            m /= 100;
        }
        if (m > 0 || magnitude == 0) && i >= 1 {
            room[i - 1] = b'0' + m as u8;
        }
    }
    out.truncate(at + len);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_matches_std_formatting_at_every_length() {
        let mut values = vec![0u64, 1, 9, 10, 99, 100, 101, u64::MAX, u64::MAX - 1];
        let mut p = 1u64;
        while let Some(next) = p.checked_mul(10) {
            values.extend([p - 1, p, p + 1, next - 1]);
            p = next;
        }
        for v in values {
            for negative in [false, true] {
                let mut out = b"<x>".to_vec();
                push_decimal(&mut out, negative, v);
                let sign = if negative { "-" } else { "" };
                assert_eq!(
                    String::from_utf8(out).unwrap(),
                    format!("<x>{sign}{v}"),
                    "{sign}{v}"
                );
            }
        }
    }

    #[test]
    fn pairs_are_two_digits() {
        for v in 0..100u64 {
            assert_eq!(pair(v), format!("{v:02}").as_bytes());
        }
    }
}
