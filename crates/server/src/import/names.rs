//! Splitting a combined name column into the family and given names the roster stores.
//!
//! Two forms are read, chosen in the mapping (or from the data by default):
//! - **"Surname, Forename"** (SIMS's student lists): split at the comma, so surnames with
//!   spaces, hyphens or apostrophes ("Van der Berg, Anna", "O'Rourke, Niamh") come out whole.
//!   A cell with no comma, or more than one, is a bad row: which comma divides is a guess.
//! - **"Forename Surname"**: the last word is the surname, together with any particles just
//!   before it, in any case (van, van der, de, de la, di, le, du, bin, al, …), so "Anna van
//!   der Berg" is Anna + van der Berg. At least one word always stays the forename. Hyphenated
//!   and apostrophe names ("al-Haddad", "Smith-Jones", "O'Rourke") are one word already. When
//!   more than one word is left for the forename ("Lily Mae Hartwell") the split is a guess
//!   (it could be a two-word surname), so the preview names those rows for the admin to check.

/// The order of the names in a combined column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NameOrder {
    /// "Surname, Forename".
    SurnameFirst,
    /// "Forename Surname".
    ForenameFirst,
}

/// A combined name, split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitName {
    pub family_name: String,
    pub given_name: String,
    /// True when the rule had to choose between readings (see the module's header).
    pub guessed: bool,
}

/// Words that begin a surname when they stand just before its last word, compared without
/// case. Covers the Dutch, German, French, Italian, Spanish, Portuguese, Welsh and Arabic
/// particles English schools meet; "al-" joined by a hyphen needs no entry.
const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "ter", "ten", "de", "del", "della", "di", "da", "das", "do", "dos",
    "du", "des", "la", "le", "lo", "st", "st.", "bin", "binti", "bint", "ibn", "al", "el", "abu",
    "ap",
];

fn is_particle(word: &str) -> bool {
    PARTICLES
        .iter()
        .any(|particle| particle.eq_ignore_ascii_case(word))
}

/// Splits `cell` (already trimmed, not empty) read in `order`.
///
/// # Errors
/// A reason for the bad-rows list, saying what to do.
pub fn split_name(cell: &str, order: NameOrder) -> Result<SplitName, String> {
    match order {
        NameOrder::SurnameFirst => surname_first(cell),
        NameOrder::ForenameFirst => forename_first(cell),
    }
}

fn surname_first(cell: &str) -> Result<SplitName, String> {
    let parts: Vec<&str> = cell.split(',').map(str::trim).collect();
    match parts.as_slice() {
        [family, given] if !family.is_empty() && !given.is_empty() => Ok(SplitName {
            family_name: collapse_spaces(family),
            given_name: collapse_spaces(given),
            guessed: false,
        }),
        [_] => Err(format!(
            "the name \"{cell}\" has no comma, but its column is read as \"Surname, Forename\"; write it that way in the MIS, or choose \"Forename Surname\" for the column"
        )),
        [_, _] => Err(format!(
            "the name \"{cell}\" lacks a surname or a forename on one side of its comma; give both, as \"Surname, Forename\""
        )),
        _ => Err(format!(
            "the name \"{cell}\" has more than one comma, so where the surname ends is unclear; export the surname and forename as separate columns"
        )),
    }
}

fn forename_first(cell: &str) -> Result<SplitName, String> {
    if cell.contains(',') {
        return Err(format!(
            "the name \"{cell}\" has a comma, but its column is read as \"Forename Surname\"; choose \"Surname, Forename\" for the column"
        ));
    }
    let words: Vec<&str> = cell.split_whitespace().collect();
    if words.len() < 2 {
        return Err(format!(
            "the name \"{cell}\" is one word; a student needs a forename and a surname (export them as separate columns if the MIS holds only one)"
        ));
    }
    let mut start = words.len() - 1;
    while start > 1 && is_particle(words[start - 1]) {
        start -= 1;
    }
    Ok(SplitName {
        family_name: words[start..].join(" "),
        given_name: words[..start].join(" "),
        guessed: start > 1,
    })
}

/// "Van  der Berg" is "Van der Berg": the cell's inner spacing is the MIS's typing.
fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The form a column's cells suggest: "Surname, Forename" when at least half of the cells
/// that have a value hold a comma.
pub fn likely_order<'a>(cells: impl IntoIterator<Item = &'a str>) -> NameOrder {
    let (mut filled, mut with_comma) = (0_usize, 0_usize);
    for cell in cells {
        if cell.trim().is_empty() {
            continue;
        }
        filled += 1;
        if cell.contains(',') {
            with_comma += 1;
        }
    }
    if filled > 0 && with_comma * 2 >= filled {
        NameOrder::SurnameFirst
    } else {
        NameOrder::ForenameFirst
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(cell: &str, order: NameOrder) -> (String, String, bool) {
        let name = split_name(cell, order).unwrap();
        (name.family_name, name.given_name, name.guessed)
    }

    fn names(family: &str, given: &str, guessed: bool) -> (String, String, bool) {
        (family.to_owned(), given.to_owned(), guessed)
    }

    #[test]
    fn surname_first_splits_at_the_comma() {
        let order = NameOrder::SurnameFirst;
        for (cell, family, given) in [
            ("Van der Berg, Anna", "Van der Berg", "Anna"),
            ("Smith-Jones, Kai", "Smith-Jones", "Kai"),
            ("O'Rourke, Niamh", "O'Rourke", "Niamh"),
            ("O'Neill-Barnes,  Aoife ", "O'Neill-Barnes", "Aoife"),
            ("de la  Cruz, Mateo José", "de la Cruz", "Mateo José"),
        ] {
            assert_eq!(split(cell, order), names(family, given, false), "{cell}");
        }
    }

    #[test]
    fn surname_first_refuses_what_it_would_have_to_guess() {
        let order = NameOrder::SurnameFirst;
        let reason = split_name("Aoife O'Neill", order).unwrap_err();
        assert!(reason.contains("has no comma"), "{reason}");
        assert!(reason.contains("\"Forename Surname\""), "{reason}");
        let reason = split_name("Vance, ", order).unwrap_err();
        assert!(reason.contains("lacks a surname or a forename"), "{reason}");
        let reason = split_name("Upton, Jnr, Kit", order).unwrap_err();
        assert!(reason.contains("more than one comma"), "{reason}");
    }

    #[test]
    fn forename_first_takes_the_last_word_and_its_particles() {
        let order = NameOrder::ForenameFirst;
        for (cell, family, given) in [
            ("Kai Smith-Jones", "Smith-Jones", "Kai"),
            ("Niamh O'Rourke", "O'Rourke", "Niamh"),
            ("Anna van der Berg", "van der Berg", "Anna"),
            ("Anna Van Der Berg", "Van Der Berg", "Anna"),
            ("Mateo de la Cruz", "de la Cruz", "Mateo"),
            ("Luca Di Marco", "Di Marco", "Luca"),
            ("Omar al-Haddad", "al-Haddad", "Omar"),
            ("Yusuf Al Amin", "Al Amin", "Yusuf"),
            ("Hana bin Rashid", "bin Rashid", "Hana"),
            ("Élodie Le Fèvre", "Le Fèvre", "Élodie"),
            // A forename that is also a particle stays the forename.
            ("Di Fairweather", "Fairweather", "Di"),
            ("  Della   Moss ", "Moss", "Della"),
        ] {
            assert_eq!(split(cell, order), names(family, given, false), "{cell}");
        }
    }

    #[test]
    fn forename_first_marks_a_guess_when_several_words_are_left() {
        let order = NameOrder::ForenameFirst;
        assert_eq!(
            split("Lily Mae Hartwell", order),
            names("Hartwell", "Lily Mae", true)
        );
        assert_eq!(
            split("Lily Mae van Hartwell", order),
            names("van Hartwell", "Lily Mae", true)
        );
    }

    #[test]
    fn forename_first_refuses_one_word_and_commas() {
        let order = NameOrder::ForenameFirst;
        let reason = split_name("Cher", order).unwrap_err();
        assert!(reason.contains("is one word"), "{reason}");
        let reason = split_name("Vance, Ivy", order).unwrap_err();
        assert!(reason.contains("choose \"Surname, Forename\""), "{reason}");
    }

    #[test]
    fn the_order_follows_the_commas_in_the_data() {
        assert_eq!(
            likely_order(["Vance, Ivy", "", "Moss, Ada", "Kit Upton"]),
            NameOrder::SurnameFirst
        );
        assert_eq!(
            likely_order(["Ivy Vance", "Ada Moss", "Upton, Kit"]),
            NameOrder::ForenameFirst
        );
        assert_eq!(likely_order(["", " "]), NameOrder::ForenameFirst);
    }
}
