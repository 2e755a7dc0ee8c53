"""English wording rules."""

from planner.bulk.lang import Phrases

_GREET = (
    r"hi|hello|hey|heya|hiya|howdy|yo|dear|greetings|good (?:morning|afternoon|evening|day)"
    r"|morning|evening"
)

PHRASES = Phrases(
    lang="en",
    greeting=_GREET,
    mass_salutation=(
        rf"(?:(?:{_GREET})(?: to)?,?\s+"
        r"(?:all )?(?:of )?(?:my )?(?:dear |wonderful |amazing |valued |fellow )?"
        r"(?:friends (?:and|&) (?:colleagues|family)|colleagues (?:and|&) friends|network"
        r"|connections|linkedin (?:family|friends|network|connections)|contacts|valued \w+"
        r"|clients|partners|customers|members|subscribers|followers|sir(?:/| or )madam"
        r"|fellow \w+|\w+ community)|to whom it may concern|ladies and gentlemen"
        r"|(?:hi|hello|dear) (?:to )?all my \w+)"
    ),
    group_salutation=(
        rf"(?:{_GREET})\s+(?:all|everyone|everybody|friends|folks|guys|team|y'all|you all"
        r"|people|colleagues|there everyone|all of you|gang|fam)"
        r"|(?:happy \w+|merry christmas|season's greetings),? (?:everyone|everybody|all)"
    ),
    mass_body=[
        r"\b(?:reaching out|writing|sending this|sharing this|a (?:quick )?note) to (?:all |each )?"
        r"(?:of )?(?:my|our) (?:\w+ )?(?:network|connections|contacts|friends|followers"
        r"|community)\b",
        r"\b(?:everyone|everybody|all of you|each (?:one )?of you|those of you) "
        r"(?:in|on|from) my (?:\w+ )?(?:network|contacts|connections|list|address book)\b",
        r"\bto all (?:of )?my (?:\w+ )?(?:connections|contacts|friends|network|followers)\b",
        r"\beach and every one of you\b",
        r"\bthis (?:message|note|email) (?:is going|goes) (?:out )?to (?:a few|some|all|many)\b",
    ],
    crowd=[
        r"\b(?:thank|thanks to|grateful to|wish|wishing|hope|love|miss|see) you all\b",
        r"\b(?:you all|all of you|each of you)\b",
        r"\b(?:thanks?(?: you)?|grateful|gratitude|shout-?out) (?:to )?(?:everyone|everybody)\b",
        r"\b(?:to|for) (?:everyone|everybody|all those|all of you) (?:who|that)\b",
        r"\bhope (?:everyone|everybody) (?:is|has|had)\b",
        r"\bwishing (?:everyone|everybody)\b",
    ],
    pitch=[
        (r"\bground[- ]floor\b", 2),
        (r"\bresidual (?:income|commissions?|earnings|payments?)\b", 2),
        (r"\bpassive (?:income|revenue|earnings)\b", 2),
        (r"\bfinancial(?:ly)? (?:freedom|free|independen\w+)\b", 2),
        (r"\btime freedom\b", 2),
        (r"\bbe (?:your|my) own boss\b", 2),
        (r"\bnetwork marketing\b|\bmlm\b|\bmulti[- ]level\b", 2),
        (r"\bside (?:hustle|income)\b", 2),
        (r"\b(?:extra|second|additional) (?:income|cash|money|paycheck)(?: streams?)?\b", 2),
        (r"\bincome streams?\b|\bearning potential\b", 2),
        (r"\bwork(?:ing)? from (?:home|anywhere|your (?:phone|laptop))\b", 1),
        (
            r"\b(?:business|income|investment|money[- ]making|home[- ]based) opportunit(?:y|ies)\b",
            2,
        ),
        (r"\bopportunity of a lifetime\b|\bonce[- ]in[- ]a[- ]lifetime opportunity\b", 2),
        (r"\blife[- ]changing (?:opportunity|income|money|results)\b", 2),
        (r"\bwould you (?:want|like|be (?:interested|open)) to (?:know|learn|hear|see) how\b", 2),
        (r"\b(?:want|like) to (?:know|learn) how (?:i|we|you could|you can)\b", 1),
        (r"\bguaranteed (?:returns?|income|results|profits?)\b", 2),
        (
            r"\b(?:crypto|forex|bitcoin)\w* (?:opportunity|project|trading|investment|signals?"
            r"|profits?)\b",
            2,
        ),
        (r"\b\d+x returns?\b|\bearly investors\b", 2),
        (r"\bno experience (?:needed|necessary|required)\b", 2),
        (
            r"\b(?:looking for|seeking|searching for|building a (?:team|community) of)"
            r" (?:a few )?(?:motivated|driven|ambitious|like-minded|hungry|coachable"
            r"|open-minded) (?:individuals|people|entrepreneurs|professionals|partners)\b",
            2,
        ),
        (r"\b(?:earn|make) (?:extra |more |real )?(?:money|income|cash) (?:from|at) home\b", 2),
        (r"\b(?:make|earn|replace) (?:your |my )?(?:money|salary|income)\b", 1),
        (r"\bwhile (?:i|you) sleep\b", 2),
        (r"\bopen[- ]minded\b", 1),
        (r"\bopen to hearing (?:more|about)\b|\binterested in hearing more\b", 1),
        (r"\b(?:six|seven|6|7)[- ]figures?\b", 2),
        (r"\bearn (?:up to )?\$?\d[\d,]*k?\b", 2),
        (r"\bmake (?:money|\$\d)\b", 2),
        (
            r"\bnot for everyone\b|\bonly (?:a few|\d+) (?:spots?|more partners)\b"
            r"|\blimited (?:spots?|number of)\b",
            1,
        ),
        (
            r"\b(?:know|knows) (?:of )?(?:anyone|anybody|someone|somebody|people) (?:who|that) "
            r"(?:might|may|would|could) (?:be )?(?:interested|benefit|want)\b",
            1,
        ),
        (
            r"\b(?:are you|would you be) open to (?:hearing about |exploring |learning about )?"
            r"(?:an? |new |other |this )?(?:opportunit|offer|proposal)\w*\b",
            1,
        ),
        (r"\bexciting (?:new )?opportunit(?:y|ies)\b", 1),
        (r"\bjoin (?:my|our) (?:team|private group|community)\b|\bexpanding my team\b", 1),
        (
            r"\b(?:book|schedule|hop on|jump on) a (?:quick |free |short )?"
            r"(?:\d+[- ]min(?:ute)? )?(?:call|demo|chat)\b",
            1,
        ),
        (
            r"\b(?:free|quick|short) (?:\d+[- ]min(?:ute)? )?(?:demo|consultation|trial|audit"
            r"|strategy sessions?)\b",
            1,
        ),
        (r"\b\d+[- ]min(?:ute)? (?:call|chat|demo|conversation)\b", 1),
        (
            r"\b(?:our|my) (?:product|platform|solution|services|software|tool|offering|program"
            r"|agency|app)(?: can| will| helps?| is| specializes| specialises)?\b",
            1,
        ),
        (r"\b(?:case studies|calendar link|reply yes)\b", 1),
        (
            r"\b(?:increase|boost|grow|double|triple|10x|scale|cut|reduce) (?:your|their)"
            r" (?:revenue|sales|leads|income|business|profits?|pipeline|roi|outbound|costs?)\b",
            1,
        ),
        (
            r"\bi help (?:busy )?(?:companies|businesses|founders|people|professionals|teams"
            r"|leaders|coaches)\b|\b(?:help|helping) (?:companies|businesses|teams) like yours\b",
            1,
        ),
        (
            r"\bspecial (?:offer|discount|price|deal)\b|\b\d+% off\b|\b(?:discount|promo) code\b"
            r"|\bexclusive offer\b|\buse code\b",
            1,
        ),
        (
            r"\blimited[- ]time\b|\bact (?:now|fast)\b|\bdon't miss (?:out|this)\b"
            r"|\bthis (?:month|week) only\b",
            1,
        ),
        (r"\b(?:dm|message) me (?:for|to learn|if you)\b", 1),
        (r"\b(?:sign up|register) (?:now|today|here)\b|\bgrab a spot\b", 1),
        (r"\bwin[- ]win\b", 1),
    ],
    offer_of_work=(
        r"\b(?:hiring|recruiting|we're looking for|i'm looking for|open (?:role|position)|job"
        r"|role|position|opening|vacancy|contract|freelance|consult\w*|collaborat\w*"
        r"|co-?found\w*|work (?:together|with (?:me|us))|project|team|introduce)\b"
    ),
    harvest_ask=[
        r"\b(?:send|give|share|forward|pass|email|dm|list)(?: me| us)?(?: along)?"
        r" (?:the |a |your |some )?(?:list of )?(?:names|e-?mails|e-?mail addresses"
        r"|phone numbers|contact (?:details|info\w*)|contacts|linkedin profiles)\b",
        r"\b(?:shar(?:e|ing)|export(?:ing)?|send(?:ing)?|forward(?:ing)?) (?:me |us )?"
        r"(?:your )?(?:contact list|address book|contacts list|list of contacts|rolodex"
        r"|mailing list)\b",
    ],
    harvest_data=(
        r"\b(?:e-?mails|e-?mail addresses|addresses|phone numbers|contact (?:details|info\w*)"
        r"|contacts|names and (?:numbers|emails)|handles|linkedin profiles)\b"
    ),
    harvest_others=(
        r"\b(?:your (?:\w+ )?(?:team|colleagues|coworkers|co-workers|friends|network|contacts"
        r"|clients|members)|people|anyone|anybody|everyone|others|their|colleagues|members"
        r"|managers|friends|folks)\b"
    ),
    request=(
        r"\?|\b(?:send|give|share|forward|pass|get|collect|compile|list|could you|can you"
        r"|would you|please|do you have|mind)\b"
    ),
    harvest_soft=[
        r"\bintroduce me to (?:anyone|everyone|people|a few (?:people|friends|folks)|your "
        r"(?:contacts|network|friends|colleagues))\b",
        r"\b(?:anyone|people|someone|friends|colleagues) in your (?:\w+ )?"
        r"(?:network|circle|contacts) (?:who|that)\b",
        r"\b(?:tag|refer|recommend) (?:me )?(?:anyone|someone|friends|people|a few people)"
        r" (?:who|that|you)\b",
        r"\b(?:pass|forward|share) (?:this|it) (?:on|along) to (?:anyone|everyone|people"
        r"|friends|your (?:network|contacts|friends))\b",
    ],
    announce=[
        r"\b(?:thrilled|excited|happy|pleased|proud|delighted|honou?red|humbled) to "
        r"(?:share|announce|let you (?:all )?know|tell you|say|report)\b",
        r"\b(?:big|great|exciting|some|personal|career) (?:personal )?news\b",
        r"\bi(?:'m| am) (?:starting|beginning|joining|leaving|launching|stepping)\b",
        r"\bi(?:'ve| have) (?:just )?(?:joined|started|accepted|launched|published|moved"
        r"|left|been promoted|founded|opened)\b",
        r"\bnew (?:chapter|adventure|journey|role at|position as)\b",
        r"\b(?:our|my) (?:startup|company|book|podcast|course) (?:just |has )?"
        r"(?:launched|closed|raised|is (?:out|live))\b",
        r"\bafter \w+ (?:wonderful |amazing |great |incredible )?years\b",
        r"\bavailable now\b|\bout now\b",
    ],
    stock=[
        r"\bi'?d like to (?:add you to|join) my (?:professional )?network\b",
        r"\bi'?d like to connect with you\b|\bi'?d love to connect\b",
        r"\bi hope this (?:message|email|note) finds you well\b",
        r"\bi came across your profile\b|\bimpressed by your (?:background|profile|experience)\b",
        r"\bgreat to connect with you\b|\blooking forward to (?:learning|hearing) (?:more )?"
        r"(?:about|from) you\b",
        r"\bjust (?:checking in|touching base|wanted to touch base)\b|\btouch base\b",
        r"\b(?:reach out|reaching out) (?:and|to) (?:reconnect|see how)\b",
        r"\bsending good vibes\b",
    ],
    shared=[
        r"\byou (?:mentioned|said|told me|asked|wrote|shared|posted|recommended|suggested"
        r"|showed me|sent me|sent|lent|gave|helped|referred)\b",
        r"\bwe (?:met|talked|spoke|chatted|worked|studied|went|ran|climbed|built) (?:at|in|on"
        r"|about|during|together|last)\b|\bwe discussed\b",
        r"\b(?:our|that) (?:chat|call|conversation|talk|lunch|coffee|dinner|drinks|meeting"
        r"|trip|hike|run|walk|game|class|project|time|offsite)\b",
        r"\bremember (?:when|the|that|our)\b",
        r"\byour (?:talk|post|article|paper|book|launch|promotion|move|trip|wedding|baby|kids?"
        r"|son|daughter|wife|husband|partner|dog|cat|garden|house|flat|thesis|marathon|race"
        r"|podcast|band|concert|show|exhibition|recovery|surgery|mom|mum|dad|mother|father"
        r"|sister|brother|twins|newborn|interview|defen[cs]e|knee|postmortem|exam"
        r"|new (?:house|home|place|baby|puppy|job))\b",
        r"\bhow (?:did|was|is|'s) (?:the|your) \w+",
        r"\bhope (?:the|your) \w+(?: \w+)? (?:went|goes|is going|was)\b",
        r"\b(?:thanks|thank you)(?: again| so much| a lot)? for (?!(?:your )?(?:time|attention"
        r"|consideration|interest|reading|connecting|the connection|accepting|support)\b)\w+",
        r"\bsorry (?:to hear|for your loss|about your)\b|\bthinking of you\b",
        r"\b(?:i|we) owe you\b|\bi tried it\b",
    ],
    occasion=(
        r"\b(?:birthday|b-?day|anniversary|retir(?:ing|ement|ed)|promotion|new (?:job|role|baby)"
        r"|wedding|engagement|graduat\w+|congrat\w* on)\b"
    ),
    vocatives=frozenset(
        [
            "stranger",
            "buddy",
            "mate",
            "pal",
            "dude",
            "man",
            "love",
            "babe",
            "sweetie",
            "darling",
            "champ",
            "chief",
            "boss",
            "bro",
            "sis",
            "friend",
            "sir",
            "madam",
            "there",
            "you",
            "both",
            "again",
            "lovely",
            "beautiful",
            "gorgeous",
            "legend",
            "sunshine",
            "honey",
            "hon",
            "sweetheart",
            "neighbour",
            "neighbor",
            "mum",
            "mom",
            "dad",
            "doc",
            "coach",
            "superstar",
            "captain",
            "cuz",
            "cousin",
            "uncle",
            "auntie",
            "grandma",
            "grandpa",
            "folks",
            "team",
        ]
    ),
    titles=frozenset(["mr", "mrs", "ms", "miss", "dr", "prof", "professor", "mx", "sir"]),
)
