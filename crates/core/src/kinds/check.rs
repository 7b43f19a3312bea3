//! Whether a declaration is consistent ([`KindSpec::check`]): a test walks the whole
//! catalogue with it, so a kind that contradicts itself never reaches the app or the server.

use super::{Bound, Extent, FieldType, Found, IdRule, KindSpec, Limit, Reach, Target};
use crate::entity::{MergeKind, Presence};
use crate::role::Role;

impl KindSpec {
    /// Every inconsistency in this declaration; empty if there is none.
    pub fn check(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut problem = |text: String| problems.push(format!("{}: {text}", self.wire));
        let is_snake = |text: &str| {
            !text.is_empty()
                && text
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        };
        if !is_snake(self.wire) {
            problem("the wire name is not snake_case".into());
        }
        if !self.label_with_article.ends_with(self.label) {
            problem("the label with its article does not end with the label".into());
        }
        for (i, spec) in self.fields.iter().enumerate() {
            if !is_snake(spec.name) {
                problem(format!("field {} is not snake_case", spec.name));
            }
            if self.fields[..i].iter().any(|other| other.name == spec.name) {
                problem(format!("field {} is declared twice", spec.name));
            }
        }
        let key_reference = |name: &str| {
            self.field(name).is_some_and(|spec| {
                spec.presence == Presence::Key && spec.value == FieldType::Reference
            })
        };
        if let IdRule::Derived(from) = self.id {
            if from.is_empty() {
                problem("a derived id is made from no fields".into());
            }
            // The first key is the id's namespace; the others may be key text ("Lunch").
            let key_text = |name: &str| {
                self.field(name).is_some_and(|spec| {
                    spec.presence == Presence::Key && matches!(spec.value, FieldType::Text { .. })
                })
            };
            for (i, name) in from.iter().enumerate() {
                if !(key_reference(name) || i > 0 && key_text(name)) {
                    problem(format!(
                        "the id is derived from {name}, not a key reference"
                    ));
                }
            }
        }
        match self.reach {
            Reach::Itself(Target::Member { .. }) => {
                problem("a record cannot itself be a student-or-staff member".into());
            }
            Reach::Itself(_) | Reach::School => {}
            Reach::Links(links) => {
                if links.is_empty() {
                    problem("reached through no links".into());
                }
                for link in links {
                    if !key_reference(link.field) {
                        problem(format!("link {} is not a key reference", link.field));
                    }
                    if let Target::Member { kind_field } = link.to {
                        let choice = self.field(kind_field).map(|spec| spec.value);
                        let ok = matches!(choice, Some(FieldType::Choice(words))
                            if words.contains(&"student") && words.contains(&"staff"));
                        if !ok {
                            problem(format!("{kind_field} does not choose student or staff"));
                        }
                    }
                }
            }
        }
        if let Some(author) = self.access.author {
            let names_staff = self.field(author).is_some_and(|spec| {
                spec.presence == Presence::Key && spec.value == FieldType::Reference
            });
            if !names_staff {
                problem(format!("the author field {author} is not a key reference"));
            }
        }
        self.check_access(&mut problem);
        self.check_requirements(&mut problem);
        self.check_conditions(&mut problem);
        problems
    }

    /// Each requirement finds its record by this kind's key references, as many as the
    /// other kind's derived id has keys, and agrees on key fields both kinds declare.
    fn check_requirements(&self, problem: &mut impl FnMut(String)) {
        let is_key = |spec: &KindSpec, name: &str| {
            spec.field(name)
                .is_some_and(|field| field.presence == Presence::Key)
        };
        for requirement in self.requires {
            let other = requirement.kind.spec();
            let from: &[&str] = match requirement.found {
                Found::By(ref name) => {
                    if other.id == IdRule::OnePerSchool {
                        problem(format!(
                            "{} is found by {name}, but there is one per school",
                            other.wire
                        ));
                    }
                    std::slice::from_ref(name)
                }
                Found::Derived(from) => {
                    if !matches!(other.id, IdRule::Derived(keys) if keys.len() == from.len()) {
                        problem(format!(
                            "{} has no id derived from {} keys",
                            other.wire,
                            from.len()
                        ));
                    }
                    from
                }
            };
            for name in from {
                if !is_key(self, name) {
                    problem(format!("{} is found by {name}, not a key", other.wire));
                }
            }
            for (mine, theirs) in requirement.agree {
                if !is_key(self, mine) || !is_key(other, theirs) {
                    problem(format!(
                        "{mine} and {}.{theirs} are not both keys",
                        other.wire
                    ));
                }
            }
            if requirement.refusal.is_empty() {
                problem(format!("no words for a create without its {}", other.label));
            }
            for bound in requirement.bounds {
                self.check_bound(bound, other, problem);
            }
        }
    }

    /// A bound holds a whole number of this kind (not a key, which the bound would judge
    /// once only) between limits the other kind has: whole numbers, or a list to count.
    fn check_bound(&self, bound: &Bound, other: &KindSpec, problem: &mut impl FnMut(String)) {
        let whole = |spec: &KindSpec, name: &str| {
            spec.field(name).is_some_and(|field| {
                matches!(field.value, FieldType::WholeNumber { .. })
                    && field.presence != Presence::Key
            })
        };
        if !whole(self, bound.field) {
            problem(format!(
                "bound {} is not a whole number it may change",
                bound.field
            ));
        }
        for limit in [bound.min, bound.max] {
            let holds = match limit {
                Limit::Value(_) => true,
                Limit::Field(name) => whole(other, name),
                Limit::Count(name) => other.field(name).is_some_and(|field| {
                    matches!(
                        field.value,
                        FieldType::Labels { .. } | FieldType::References { .. }
                    )
                }),
            };
            if !holds {
                problem(format!(
                    "bound {} has a limit {limit:?} that {} has not",
                    bound.field, other.wire
                ));
            }
        }
        if bound.words.is_empty() {
            problem(format!("no words for {} out of its bounds", bound.field));
        }
    }

    /// Each condition is brought in by a value its field can hold.
    fn check_conditions(&self, problem: &mut impl FnMut(String)) {
        for condition in self.conditions {
            let holds = self.field(condition.field).is_some_and(|spec| {
                matches!(spec.value, FieldType::Choice(choices) if choices.contains(&condition.value))
            });
            if !holds {
                problem(format!(
                    "a condition on {} = {} names no such choice",
                    condition.field, condition.value
                ));
            }
        }
    }

    fn check_access(&self, problem: &mut impl FnMut(String)) {
        let access = &self.access;
        let grants = [
            ("read", &access.read),
            ("create", &access.create),
            ("update", &access.update),
            ("delete", &access.delete),
        ];
        for (what, grant) in grants {
            if let Some(role) = grant.anywhere.iter().find(|r| grant.in_scope.contains(r)) {
                problem(format!(
                    "{role} is granted {what} both anywhere and in scope"
                ));
            }
        }
        for (what, grant) in &grants[1..] {
            if !grant.in_scope.is_empty() && !matches!(self.reach, Reach::Links(_)) {
                problem(format!("{what} in scope, but no link to judge it by"));
            }
            for role in Role::ALL {
                let writes = grant.extent(role);
                let reads = access.read.extent(role);
                if writes == Some(Extent::Anywhere) && reads != Some(Extent::Anywhere)
                    || writes.is_some() && reads.is_none()
                {
                    problem(format!("{role} may {what} records it cannot read"));
                }
            }
        }
        if self.merge == MergeKind::AppendOnly
            && (!access.update.anywhere.is_empty()
                || !access.update.in_scope.is_empty()
                || !access.delete.anywhere.is_empty()
                || !access.delete.in_scope.is_empty())
        {
            problem("append-only, yet someone may update or delete it".into());
        }
        for grant in access.fields {
            match self.field(grant.field) {
                None => problem(format!("a grant names no field {}", grant.field)),
                Some(spec) if spec.presence == Presence::Key => {
                    problem(format!("{} is a key: nobody changes it", grant.field));
                }
                Some(_) => {}
            }
            let outside = grant.writers.iter().find(|role| {
                access.create.extent(**role).is_none() && access.update.extent(**role).is_none()
            });
            if let Some(role) = outside {
                problem(format!(
                    "{role} may write {} but not the record",
                    grant.field
                ));
            }
            if let Some(role) = grant.writers.iter().find(|r| !grant.readers.contains(r)) {
                problem(format!("{role} may write {} but not read it", grant.field));
            }
        }
    }
}
