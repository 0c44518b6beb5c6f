//! The words a permit procedure (§10 BImSchG) is stored with: how an objection arrived,
//! and whether a hearing is held.
super::stored::stored_enum! {
    /// How an objection reached the authority ("schriftlich oder elektronisch").
    pub enum Channel {
        /// Through the portal's form.
        Online = "online",
        /// On paper, entered by staff.
        Paper = "paper",
        /// By e-mail, entered by staff.
        Email = "email",
    }
}

impl Channel {
    pub fn label_key(self) -> &'static str {
        match self {
            Channel::Online => "permit.channel.online",
            Channel::Paper => "permit.channel.paper",
            Channel::Email => "permit.channel.email",
        }
    }
}

super::stored::stored_enum! {
    /// The hearing (Erörterungstermin): since 2024 held only on the applicant's request
    /// or when the authority finds it necessary (§10(6) BImSchG, §16 9. BImSchV).
    #[derive(Default)]
    pub enum Hearing {
        /// Not decided yet.
        #[default]
        Undecided = "undecided",
        Held = "held",
        NotHeld = "not_held",
    }
}

impl Hearing {
    pub fn label_key(self) -> &'static str {
        match self {
            Hearing::Undecided => "permit.hearing.undecided",
            Hearing::Held => "permit.hearing.held",
            Hearing::NotHeld => "permit.hearing.not_held",
        }
    }
}
