"""Word lists for the bulk-send check: common English words, greetings, holidays.

``COMMON`` decides whether a capitalised word is a proper noun (a place, a company, a person:
something specific) or just a sentence starter or a generic word ("Wishing", "Happy",
"Christmas"). ``STOPWORDS`` are words too general to show that a text is about someone when they
also appear in that person's profile.
"""

from __future__ import annotations


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = _set(
    """
a about above after again against all almost also although always am among an and another any
anyone anything are around as at away back be because been before being below between both but
by can cannot could did do does doing done down during each either else enough even ever every
few for from further get gets getting give go goes going gone got had has have having he her here
hers herself him himself his how however i if in into is it its itself just least less let like
made make many may me might mine more most much must my myself near need never next no none nor
not now of off often on once one only or other others our ours ourselves out over own per quite
rather really same see seen shall she should since so some something soon still such than that
the their theirs them themselves then there these they thing things this those though through
thus to too toward under until up upon us very via was we well were what whatever when where
whether which while who whom whose why will with within without would yet you your yours yourself
yourselves im ive id ill youre youve youd youll dont doesnt didnt cant couldnt wont wouldnt isnt
arent wasnt werent hasnt havent hadnt lets thats theres whats s t d ll re ve m
hi hello hey dear greetings thanks thank best regards cheers kind warm warmly sincerely yours
good great nice lovely wonderful happy hope hoping wish wishing wishes love new year years day days
time times way ways people person everyone everybody someone somebody all
inc ltd llc gmbh corp co company plc sa ag bv the
"""
)

# Everyday words that are not proper nouns even when capitalised (sentence starters, greetings,
# holidays, days and months). A capitalised word outside this list counts as specific.
COMMON = STOPWORDS | _set(
    """
able absolutely accept access according account achieve achievement achievements across act
action actually add added adding address advance advice after afternoon again age ago agree ahead
aim allow almost alone along already alright amazing amazingly amongst amount and announce
announcement annual anniversary answer anybody anyway anywhere apologies apologise apologize
appreciate appreciated approach april area arrive article ask asked asking attached attention
august available awesome bad based basically be beautiful became become becoming began begin
beginning behalf believe belated benefit better beyond big birthday bit blessed blessing
blessings book booked boost brand brief bright bring brings brought build building business busy
buy call called calling came care career careful case catch celebrate celebrating celebration
certain certainly challenge chance change changed changes chat check checking cheer cheerful
chinese choice christmas city class clear close coffee colleague colleagues come comes coming
community company complete completely congrats congratulation congratulations connect connected
connecting connection connections consider contact contacts continue conversation cool could
couple course create created current currently daily date deal december decided definitely
delighted details development did different diwali do doing dream dreams drop due early easter
easy eid either email end ended enjoy enjoyed enjoying enough entire especially event events
every everything exactly example excellent except excited exciting exclusive experience
explore extra fall family fantastic far fast favorite favourite february feel feeling feels felt
festive fellow find fine finally first five follow following forward found four free friday
friend friendly friends full fun further future gift glad global goal goals god grateful
gratitude group grow growing growth guess guys halloween hanukkah happen happened happiness
happy hard health healthy hear heard heart hearing help helpful helping high hold holiday
holidays home honestly hope hopefully hoped hopes huge idea ideas imagine important improve
include including incredible indeed industry info information inspire inspired instead interest
interested interesting introduce invite invited invitation january job join joined joining
journey joy joyful joyous july june keep know knowing known kwanzaa large last late later latest
lead learn learning leave left life light linkedin list listen little live local long look
looking lot lots love loved lucky lunar main major make march matter maybe mean meaning meet
meeting member members mention merry message met mind minute minutes miss missed moment monday
money month months morning move moving name names network networking new news nice night note
noticed november number october offer offering office ok okay old once online open opportunity
opportunities order organization others outreach part particular party pass past peace perfect
perhaps personal personally photo pick place plan planned planning please pleasure plenty point
position possible post posted potential power prosperity prosperous proud provide ps purpose
put question questions quick quickly ramadan reach reaching read ready real reason recent recently
reconnect regarding relationship remember remind reply request result right role run safe said
saturday saw say saying season seasons second secret see seeing seem send sending sent september
serve service services session set share shared sharing short show sign simple simply sincere
sir small so social soon sorry special spend spirit spring start started starting stay step
stop story strong success successful summer sunday super support supporting sure surely take
taking talk talking team tell terrific thankful thanksgiving thankyou think thinking third
thought thoughts three thursday today together tomorrow tonight top totally touch towards true
truly trust try trying tuesday turn two ultimate understand unique update valentine valentines
value valuable various via visit want wanted wanting warm warmest watch wednesday week weekend
weeks welcome went whatever whole wine winter wishing wonder wondering word words work worked
working world worth wow write writing wrote xmas yeah year yes yesterday yet young
ceo cto cfo coo vp hr pr ai it ok usa uk eu faq fyi asap diy rsvp am pm tv pc dm pm pls
omg lol btw imo tbh
"""
)

GREETING_WORDS = (
    "hi|hello|hey|heya|hiya|howdy|yo|dear|greetings|good morning|good afternoon|good evening|"
    "good day|morning|hola|hallo|bonjour|ciao|salut|namaste|aloha"
)

SIGNOFF_WORDS = (
    "best|best wishes|all the best|kind regards|kindest regards|warm regards|warmest regards|"
    "warm wishes|regards|cheers|thanks|thank you|thanks again|many thanks|thx|sincerely|"
    "yours truly|yours|cordially|warmly|love|lots of love|much love|xo|xoxo|hugs|take care|"
    "talk soon|speak soon|see you soon|until next time|respectfully|with gratitude|peace|ttyl|"
    "best regards|all best|with love|god bless|blessings"
)
