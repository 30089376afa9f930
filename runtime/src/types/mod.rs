//! Lossless XSD value types, and [`XmlText`](crate::xml::XmlText) for the std types that
//! already fit a built-in exactly.
//!
//! Every type here implements `XmlText`, `Display` (the written XML form, except [`QName`]
//! which displays as `{ns}local`), `FromStr` (same rules as reading XML), `Debug`, `Clone`,
//! `PartialEq`/`Eq`/`Hash`. Reading applies the type's XSD whitespace facet; writing produces
//! one canonical form, so value → text → value is the identity and text → value → text
//! normalizes only what XSD calls insignificant (sign `+`, leading zeros, whitespace,
//! lower-case hex). Decimal scale and fractional-second digits are kept as written
//! (`1.50`, `12:00:00.000Z`), since servers' documents must round-trip byte for byte; those
//! types still compare by value.
//!
//! # XSD built-in → Rust type (what generated code uses)
//!
//! | XSD built-in | Rust type | notes |
//! |---|---|---|
//! | `string` | `String` | whitespace preserved |
//! | `normalizedString` | [`NormalizedString`] | tab/CR/LF replaced by spaces on read |
//! | `token` | [`Token`] | whitespace collapsed on read |
//! | `language` | [`Language`] | |
//! | `Name` | [`Name`] | |
//! | `NCName` | [`NcName`] | |
//! | `ID` / `IDREF` / `ENTITY` | [`Id`] / [`IdRef`] / [`Entity`] | NCName rule; ID uniqueness is not checked |
//! | `IDREFS` / `ENTITIES` / `NMTOKENS` | [`List`]`<IdRef>` / `List<Entity>` / `List<NmToken>` | XSD's minLength 1 is not enforced |
//! | `NMTOKEN` | [`NmToken`] | |
//! | `anyURI` | [`AnyUri`] | kept as text, whitespace collapsed |
//! | `QName`, `NOTATION` | [`QName`] | prefix resolved by the reader's scope; written with the writer's prefix |
//! | `boolean` | `bool` | `true`/`false`/`1`/`0`; written `true`/`false` |
//! | `decimal` | [`Decimal`] | arbitrary precision, scale kept, equality by value |
//! | `integer` | [`Integer`] | arbitrary precision |
//! | `nonNegativeInteger` | [`NonNegativeInteger`] | checked newtype over `Integer` |
//! | `positiveInteger` | [`PositiveInteger`] | checked newtype over `Integer` |
//! | `nonPositiveInteger` | [`NonPositiveInteger`] | checked newtype over `Integer` |
//! | `negativeInteger` | [`NegativeInteger`] | checked newtype over `Integer` |
//! | `long` / `int` / `short` / `byte` | `i64` / `i32` / `i16` / `i8` | |
//! | `unsignedLong` / `unsignedInt` / `unsignedShort` / `unsignedByte` | `u64` / `u32` / `u16` / `u8` | `-0` accepted |
//! | `float` / `double` | `f32` / `f64` | `INF`, `-INF`, `NaN`; shortest text that reads back bit-exact |
//! | `duration` | [`Duration`] | also XSD 1.1 `yearMonthDuration`, `dayTimeDuration` |
//! | `dateTime` | [`DateTime`] | also XSD 1.1 `dateTimeStamp` (timezone presence not enforced) |
//! | `date` / `time` | [`Date`] / [`Time`] | |
//! | `gYear` / `gYearMonth` / `gMonth` / `gMonthDay` / `gDay` | [`GYear`] / [`GYearMonth`] / [`GMonth`] / [`GMonthDay`] / [`GDay`] | |
//! | `hexBinary` / `base64Binary` | [`HexBinary`] / [`Base64Binary`] | |
//! | `anySimpleType`, `anyAtomicType` | `String` | the text as is |
//! | anonymous `xs:list` of `T` | [`List`]`<T>` | named lists may be `#[xml(list)]` newtypes |
//!
//! `xs:anyType` as an element is `soapstone::xml::AnyElement` (not a simple type). All paths
//! are `::soapstone::types::X`.
//!
//! # Choices made
//!
//! - Sign-restricted integers are separate checked newtypes over [`Integer`] rather than one
//!   type with a runtime flag, so the constraint is in the type and checked by every
//!   constructor (`new`, `TryFrom<Integer>`, `FromStr`, `XmlText`).
//! - The string-derived types are checked newtypes (not plain `String`) so a value that would
//!   change on read (leading space in a token, `:` in an NCName) cannot be built, and the
//!   whitespace facet is applied once, here.
//! - Date/time values follow XSD 1.1 (year 0 allowed, years of any length within `i64`) and
//!   are kept as written: timezone `Z` vs `+00:00` vs absent, `24:00:00`. Their equality is
//!   field equality, not instant equality. [`Duration`] and [`Decimal`] compare by value.
//! - No big-number or date crate: the values are digit strings and small integers, which is
//!   all XML needs (parse, write, compare, convert).

mod binary;
mod builtin;
mod datetime;
mod decimal;
mod digits;
mod duration;
mod fraction;
mod integer;
mod list;
mod qname;
mod soapenc;
mod strings;
mod ws;

pub use binary::{Base64Binary, HexBinary};
pub use datetime::{Date, DateTime, GDay, GMonth, GMonthDay, GYear, GYearMonth, Time, Timezone};
pub use decimal::Decimal;
pub use duration::{Duration, DurationConversionError};
pub use integer::{
    Integer, NegativeInteger, NonNegativeInteger, NonPositiveInteger, OutOfRange, PositiveInteger,
};
pub use list::List;
pub use qname::QName;
pub use soapenc::{ArrayDims, ArrayType};
pub use strings::{
    AnyUri, Entity, Id, IdRef, Language, Name, NcName, NmToken, NormalizedString, Token,
};
