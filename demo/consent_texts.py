"""The demo's consent text, version 1, in English and French. Organisations write their own."""

CONSENT_TEXTS = [
    {
        "language": "en",
        "title": "Taking part in peer support",
        "body": (
            "Taking part is your choice. You can stop, take a break or change how you take part at any time, "
            "and your support will not depend on anything below except the first two points.\n\n"
            "We keep a record of your support so that the people helping you do not ask you to tell your story "
            "again. Only the people who work with you can see it. You can ask to see everything we hold, and to "
            "have it removed.\n\n"
            "We keep what you tell us private. There are a few times when we may have to pass something on, for "
            "example if someone's life is in danger. Whenever we can, we will tell you first.\n\n"
            "You can also choose, or not, to let us share information with partners you name, to contact you later "
            "to ask how things are going, to use your words in stories that nobody could trace to you, and to "
            "count you in reports that never name anyone."
        ),
    },
    {
        "language": "fr",
        "title": "Participer au soutien par les pairs",
        "body": (
            "Participer est votre choix. Vous pouvez arrêter, faire une pause ou changer votre façon de participer "
            "à tout moment, et votre soutien ne dépend de rien ci-dessous, sauf des deux premiers points.\n\n"
            "Nous gardons une trace de votre soutien pour que les personnes qui vous aident ne vous demandent pas "
            "de raconter à nouveau votre histoire. Seules les personnes qui travaillent avec vous peuvent la voir. "
            "Vous pouvez demander à voir tout ce que nous gardons, et le faire effacer.\n\n"
            "Ce que vous nous confiez reste confidentiel. Dans quelques rares cas, nous pourrions devoir transmettre "
            "une information, par exemple si la vie de quelqu'un est en danger. Chaque fois que possible, nous vous "
            "préviendrons d'abord.\n\n"
            "Vous pouvez aussi choisir, ou non, de nous laisser partager des informations avec les partenaires que "
            "vous nommez, de vous recontacter plus tard pour savoir comment vous allez, d'utiliser vos mots dans des "
            "récits qui ne permettent pas de vous reconnaître, et de vous compter dans des rapports qui ne nomment "
            "jamais personne."
        ),
    },
]
