"""Latin-script personal names: after Ship To / To / From / Name / Attn / Recipient anchors (same
line or the next line), and whole cells of a name column."""
from __future__ import annotations

import re
from ..lazy_re import lazy
from itertools import chain

from ..model import EntityType, Finding
from ..trie_regex import trie_pattern
from . import Context
from .phone_labels import NAT_GAP as _NAT_GAP, NAT_LABEL as _NAT_LABEL

_ANCHOR = (
    r"(?:SHIP\s*TO|DELIVER\s*TO|SHIP\s*FROM|RETURN\s*TO|SOLD\s*TO|BILL\s*TO|CONSIGNEE|RECIPIENT|"
    r"RECEIVER|SENDER|SHIPPER|ATTN|ATTENTION|NAME|CONTACT|CUSTOMER|FROM|TO|TILL|MOTTAGARE|C/O|"
    # ('for' and 'to' in other languages, with their colon: 'An: Max Mustermann', 'Pour: Camille
    # Martin', 'Voor: Sanne de Boer', 'Dla: Piotr Zieliński', 'Kime: Elif Demir' stood; found by hand)
    # (only with the colon: a match without it would hide a longer anchor later in the text, 'à
    # l'attention de M. Jean Martin')
    r"(?:FOR|AN|POUR|À|PARA|PER|VOOR|DLA|KIME|FÜR|FUER)(?=[ \t]*[:：])|"
    # (who signed, and a hotel's guest: 'Signed: J. P. Morgenstern', 'c/o Lakeview Hotel, Room 1204,
    # guest Liam O'Connor' stood; found by hand. 'guest' before a capital or a colon only)
    r"SIGNED(?=[ \t]*[:：])|GUEST(?:[ \t]+NAME)?(?=[ \t]*[:：]|[ \t]+(?-i:[A-Z]))|"
    # (the attention line as Spanish, Danish, Swedish and Norwegian forms write it: 'Att.: Marta
    # Gómez' stood, found by hand; with its colon only, 'att' is a Swedish word)
    r"ATT\.?|A/A|"
    r"AVSÄNDARE|EMPFÄNGER|ABSENDER|DESTINATAIRE|EXPÉDITEUR|ODBIORCA|NADAWCA|PŘÍJEMCE|ODESÍLATEL|"
    # the receiver and sender labels of other European languages (and delivery phrases before a name)
    r"DESTINATARIO|DESTINATÁRIO|ALICI|ONTVANGER|MODTAGER|MOTTAKER|VASTAANOTTAJA|ADRESSAT|KONTAKTPERSON|"
    r"CONTACTPERSOON|REMITENTE|MITTENTE|GÖNDEREN|AFZENDER|AFSENDER|LÄHETTÄJÄ|CONSEGNA\s+A|ENTREGAR\s+A|"
    r"ZUSTELLUNG\s+AN|LIEFERUNG\s+AN|BEZORGEN\s+BIJ|Z\.\s?HD\.?|"
    # (who picks the parcel up or is the contact, and the Dutch c/o: 'Abholer: Klaus Meier',
    # 'Ansprechpartner: ...', 'p/a Fam. de Jong' stood; found by hand)
    r"ABHOLER(?:IN)?|ABHOLPERSON|ANSPRECHPARTNER(?:IN)?|EMPFANGSBERECHTIGTE[RN]?|P/A|T\.A\.V\.?|"
    # (more delivery phrases before a name: 'Livrer à Jean-Pierre Dubois' stood; found by hand)
    r"LIVRER\s+À|LIVRAISON\s+À|REMETTRE\s+À|ABZUGEBEN\s+BEI|ABGEBEN\s+BEI|HAND\s+(?:IT\s+)?TO|GIVE\s+(?:IT\s+)?TO|"
    r"LEAVE\s+(?:IT\s+)?(?:WITH|W/)|DEJAR\s+(?:CON|A)|ENTREGAR\s+AL|LASCIARE\s+A|CONSEGNARE\s+A|AFLEVEREN\s+BIJ|"
    r"LEVERER?\s+TIL|LÄMNA\s+TILL|DORĘCZYĆ\s+DO|"
    # care-of words of French, Italian, Spanish and Portuguese addresses ('chez Dupont, 12 rue de la
    # Paix', 'Via Roma 10 presso Bianchi', 'a la atención de Juan Pérez' stood; found by hand)
    r"CHEZ|PRESSO|A/C(?:\s+D[AEO]S?)?|AOS\s+CUIDADOS\s+D[AEO]S?|A\s+LA\s+ATENCI[ÓO]N\s+DE|"
    r"ALL['’]\s*ATTENZIONE\s+DI|"
    # who to ask for at the door ('Ask for Mike in shipping', 'preguntar por Carmen Ruiz', 'Fråga
    # efter Lars i kassan' stood; found by hand)
    # (into the addressee's own hands: 'Dostarczyć do rąk własnych: Anna Nowak' stood; found by hand)
    r"DO\s+RĄK\s+WŁASNYCH|EIGENHÄNDIG|EN\s+MAINS\s+PROPRES|IN\s+MANI\s+PROPRIE|EN\s+PROPIA\s+MANO|"
    r"ASK\s+FOR|PREGUNT(?:AR|E)\s+POR|PERGUNT(?:AR|E)\s+POR|CHIED(?:ERE|I)\s+(?:DI|A)|DEMANDE[RZ](?:\s+À)?|"
    r"VRA(?:GEN|AG)\s+NAAR|SPØRG?\s+E(?:FT|TT)ER|FRÅGA\s+EFTER|(?:ZA)?PYTAĆ\s+O|"
    # who signed or took the parcel (a proof-of-delivery export), the surname field
    r"ADDRESSEE|SURNAME|SIGNED(?:\s+FOR)?\s+BY|RECEIVED\s+BY|COLLECTED\s+BY|"
    # (a name's parts as a record's labels, with their colon: an XML record's '<contact first="John"
    # last="Smith">' reads 'first: John', and 'John' stood; found by hand)
    r"(?:FIRST|LAST|GIVEN|FAMILY|MIDDLE)(?:[ _\-]?NAME)?(?=[ \t]*[:：])|F_?NAME(?=[ \t]*[:：])|L_?NAME(?=[ \t]*[:：])|"
    r"FORENAME|"
    # ('Name' in the other languages of shops' forms, with their colon: 'Nombre: Valentina Rojas',
    # 'Nome: Giulia Bianchi', 'Naam: Sanne de Vries', 'Imię i nazwisko: Anna Nowak', 'Ad Soyad: ...',
    # alone on their line, stood; found by hand, 2026-12-07)
    # (behind their first letters: a position that starts none of them costs one test)
    r"(?=[NACPVISJİ])(?:NOMBRE(?:\s+(?:Y\s+APELLIDOS?|COMPLETO))?|APELLIDOS?|NOME(?:\s+(?:COMPLETO|E\s+COGNOME))?|COGNOME|"
    r"NOM(?:\s+(?:COMPLET|ET\s+PRÉNOM|DE\s+FAMILLE))?|PRÉNOM|PRENOM|NAAM|VOORNAAM|ACHTERNAAM|"
    r"IMIĘ(?:\s+I\s+NAZWISKO)?|NAZWISKO|ADI?\s+SOYADI?|SOYADI?|İSİM|ISIM|NIMI|NAVN|NAMN|"
    r"JMÉNO(?:\s+A\s+PŘÍJMENÍ)?|PŘÍJMENÍ|VORNAME|NACHNAME|NUME(?:\s+(?:ȘI|SI)\s+PRENUME)?|PRENUME|NÉV|"
    r"IME\s+I\s+PREZIME|PREZIME)(?=[ \t]*[:：])|"
    # (who holds the account or card, and who ordered: 'Acct holder: Jane Q. Public', 'Cardholder
    # name JANE DOE', 'Ordered by Maria', 'Sign: Tom H.' stood; found by hand)
    r"ACC(?:OUN)?T\.?\s+HOLDER|ACCOUNT\s+NAME|CARD\s?HOLDER|NAME\s+ON\s+(?:THE\s+)?CARD|ORDERED\s+BY|PLACED\s+BY|"
    r"PURCHASED\s+BY|BOUGHT\s+BY|BOOKED\s+BY|SIGN(?:ATURE)?(?=[ \t]*[:：])|"
    # (the abbreviations of freight and courier forms, with their colon, the consignor, and more
    # delivery phrases: 'Rcpt: Chen Jing', 'CNEE: Acme Ltd / Tom Baker', 'Shpr: Jane Doe', 'Send to
    # Chen Jing, thanks', 'Addressed to Ana Souza' stood; found by hand)
    r"(?:RCPT|RCVR|RECIP|CNEE|CNOR|SHPR)\.?(?=[ \t]*[:：])|CONSIGNOR|SEND\s+(?:IT\s+)?TO|MAIL\s+(?:IT\s+)?TO|"
    r"ADDRESSED\s+TO|FORWARD\s+(?:IT\s+)?TO|SHIP\s+IT\s+TO|"
    # Indonesian and Malay ('Penerima: Budi Santoso' stood: found by hand)
    r"PENERIMA|PENGIRIM|NAMA(?:\s+PENERIMA|\s+PENGIRIM)?|"
    # (and 'Kepada', 'Kirim ke', 'Yth.', Filipino 'Para kay', 'Tatanggap': 'Kepada: Rina Wijaya' stood;
    # found by hand, 2026-12-07)
    r"(?=[KYDPT])(?:KEPADA(?:\s+YTH\.?)?|YTH\.?|(?:DI)?KIRIM\s+KE|PARA\s+KAY|TATANGGAP)|"
    # (Vietnamese labels typed or printed without their marks: 'Nguoi nhan: Tran Thi Bich Ngoc' stood
    # on a GHN-style label; found by hand, 2026-12-07)
    r"(?=[NBH])(?:NGUOI\s+NHAN|NGUOI\s+GUI|BEN\s+NHAN|BEN\s+GUI|HO\s+(?:VA\s+)?TEN)|"
    # (the customer and the buyer in other languages, with their colon: 'Kunde: Schmidt, Anna',
    # 'Klant: Jan de Vries', 'buyer: Lee Chang' stood; found by hand)
    r"(?:KUNDE|KLANT|KUND|KLIENT|CLIENT|CLIENTE|ASIAKAS|MÜŞTERİ|MÜŞTERI|BUYER|PURCHASER|KÄUFER(?:IN)?|"
    r"ACHETEUR|ACHETEUSE|COMPRADOR|ACQUIRENTE|KOPER|KUPUJĄCY|KUPUJÍCÍ|BESTELLER(?:IN)?|"
    # (who the parcel is for at a pharmacy, a hotel, a care home, a flat or a firm, with their
    # colon: a pharmacy delivery's 'Patient: Lukas Brandstetter', 'Gast: ...', 'Bewohner: ...',
    # 'Hôte : ...' stood; found by hand)
    r"PATIENT(?:IN)?|PATIËNT|PACIENTE|PAZIENTE|PACJENT(?:KA)?|PACIENT(?:KA)?|POTILAS|HASTA|"
    r"GAST|GÄST|GJEST|HÔTE|HUÉSPED|OSPITE|GOŚĆ|"
    r"RESIDENT|BEWOHNER(?:IN)?|RÉSIDENT|RESIDENTE|OCCUPANT|TENANT|MIETER(?:IN)?|LOCATAIRE|INQUILINO|HUURDER|"
    r"MEMBER|MITGLIED|EMPLOYEE|MITARBEITER(?:IN)?|STUDENT(?:IN)?|SCHÜLER(?:IN)?|ÉLÈVE|ALUMNO|ALUNNO)"
    r"(?=[ \t]*[:：]|[ \t]+NAME))"
    # a field word after the anchor: 'Recipient name:', 'Contact person:', 'Customer full name:'
    # (and the record's 'details': 'Consignee Details: Rahul Verma, 98450 12345' masked 'Details'
    # and the name stood; found by hand)
    r"(?:[ \t]+(?:FULL[ \t]+)?(?:NAME|PERSON|DETAILS?|INFO(?:RMATION)?|DATA|DATEN|ANGABEN))?"
)
# whose field an anchor is, in brackets after it: 'Name (Customer):' on an Indian return label,
# 'Deliver To (Customer) Rahul Verma', 'Recipient (Name):' (each name stood; found by hand)
_QUALIFIER = (r"[ \t]*\((?:CUSTOMER|RECIPIENT|CONSIGNEE|RECEIVER|BUYER|CLIENT|CONTACT|SENDER|SHIPPER|CONSIGNOR|"
              r"ADDRESSEE|BUSINESS|COMPANY|PERSON|(?:FULL[ \t]+)?NAME|IN[ \t]+FULL|KUNDE|EMPFÄNGER|ABSENDER|"
              r"DESTINATAIRE|DESTINATARIO|CLIENTE)\)")
# every anchor holds one of these (lower case): a text without any has no anchor
_ANCHOR_WORDS = ("c/o", "att", "a/a", "to", "from",
                 # (the short ones with their colon only: 'an', 'per', 'para' are words of every text)
                 "for:", "for :", "an:", "an :", "pour:", "pour :", "à:", "à :", "para:", "para :", "per:", "per :",
                 "voor:", "voor :", "dla:", "dla :", "kime:", "kime :", "für:", "für :", "fuer:", "consignee", "recipient", "receiver", "sender", "shipper", "attn", "attention",
                 "name", "contact", "customer", "till", "mottagare", "avsändare", "empfänger", "absender",
                 "destinataire", "expéditeur", "odbiorca", "nadawca", "příjemce", "odesílatel", "destinat", "alici",
                 "ontvanger", "modtager", "mottaker", "vastaanottaja", "adressat", "kontaktperson", "contactpersoon",
                 "remitente", "mittente", "gönderen", "afzender", "afsender", "lähettäjä", "consegna", "entregar",
                 "zustellung", "lieferung", "bezorgen", "z. hd", "z.hd", "addressee", "signed", "received",
                 "collected", "penerima", "pengirim", "nama", "livr", "remettre", "abzugeben", "abgeben", "hand ",
                 "give ", "leave ", "dejar", "lasciare", "consegnare", "afleveren", "lever", "lämna", "doręczyć",
                 "abholer", "abholperson", "ansprechpartner", "empfangsberechtigte", "p/a", "t.a.v",
                 "chez", "presso", "a/c", "cuidados", "atenci", "attenzione", "ask for", "pregunt", "pergunt",
                 "chied", "demande", "vragen", "vraag", "spørg", "spør", "fråga", "pytać", "rąk", "eigenhändig",
                 "mains propres", "mani proprie", "propia mano", "guest", "holder", "on card", "on the card",
                 "ordered by", "placed by", "purchased by", "bought by", "booked by", "sign:", "sign :",
                 "signature:", "signature :", "account name", "rcpt", "rcvr", "recip", "cnee", "cnor", "shpr",
                 "consignor", "first", "last", "given", "family", "middle", "fname", "f_name", "lname", "l_name",
                 "forename", "kunde", "klant", "kund", "klient", "client", "asiakas", "müşter", "buyer",
                 "purchaser", "käufer", "acheteu", "comprador", "acquirente", "koper", "kupuj", "besteller",
                 "patient", "patiënt", "pacient", "pazient", "pacjent", "potilas", "hasta", "gast", "gäst", "gjest",
                 "hôte", "huésped", "ospite", "gość", "resident", "bewohner", "résident", "occupant", "tenant",
                 "mieter", "locataire", "inquilino", "huurder", "member", "mitglied", "employee", "mitarbeiter",
                 "student", "schüler", "élève", "alumno", "alunno", "kepada", "yth", "kirim ke", "para kay", "nom", "apellido",
                 "cognome", "prénom", "prenom", "naam", "imię", "nazwisko", "soyad", "isim", "nimi", "navn", "namn",
                 "jméno", "příjmení", "nume:", "nume :", "prenume", "név", "ime i", "prezime",
                 "tatanggap", "nguoi", "ben nhan", "ben gui", "ho ten", "ho va ten")
_ASCII_LETTER = lazy(r"[A-Za-z]")
_ANCHOR_GATE = lazy(trie_pattern(_ANCHOR_WORDS))  # one pass for ~45 words
# Latin-1, Extended-A/B and Extended Additional: Ayşe, Łukasz, Nguyễn
_WORD = r"[A-ZÀ-ÖØ-Þ\u0100-\u024f\u1e00-\u1efe][A-Za-zÀ-ÖØ-öø-ÿ\u0100-\u024f\u1e00-\u1eff'’.\-]*"
NAME_WORD = rf"(?-i:{_WORD})"  # (read by detect: a name before an address)
# a name ends before a phone label ('Anna Ward Ph +61...') and before a lower-case word that is
# not a name particle ('Dana Veselá at Slunečná 5': 'at' starts the address; ANCHOR_RE reads
# case-insensitively, so these hold whatever the case)
_LABEL_NEXT = r"(?!(?:Ph|Tel|Tlf|Tfn|Mob|Mobile|Phone|Fax|Call|Email|E-mail|Telefon|Tél|Cel|Cell)\b)"
_NOT_PARTICLE = r"(?!(?:at|to|in|on|of|by|and|or|the|per|via|if|for|is)\b)"
# (and the Dutch "'s", "'t" and a French "d'" as particles: "Fabian 's Gravensande")
# (an epithet as the surname: Faker's Dutch 'The Elder', 'Kaylee The Elder')
_EPITHET = r"(?-i:The[ \t]+(?:Elder|Younger))\b"
# (or joined by an underscore, as a handle is: 'Ship to: JOHN_SMITH' kept SMITH; found by hand)
_NAME = rf"{_WORD}(?:_{_WORD})?(?:[ \t]+(?:{_EPITHET}|{_NOT_PARTICLE}(?:{_LABEL_NEXT}{_WORD}|(?:[a-z]{{2,3}}|['’][ts]|d['’])(?= {_WORD})))){{0,6}}"
# To/From/Name need a colon; the longer anchors may stand alone on their line
ANCHOR_RE = lazy(
    # (a spaced dash stands for the colon: 'Sender - Kathleen Rodriguez')
    rf"(?im)(?P<anchor>{_ANCHOR})(?![^\W\d_])(?P<qual>{_QUALIFIER})?(?P<colon>[ \t]*(?:[:：]|[-–—](?=[ \t])))?[ \t]*"
    rf"(?:\r?\n[ \t]*)?(?P<name>{_NAME})"
)
_NOT_NAME = lazy(
    # ('US' the country, 'us' the word; 'Us' is a Turkish given name: 'Alıcı: Us Erdoğan')
    r"^(?:(?-i:US|us)|ADDRESS|PHONE|TEL|ACCOUNT|REF|ORDER|TRACKING|STREET|CITY|STATE|ZIP|COUNTRY|USA|"
    r"UNITED|PO|P\.O\.|BOX|DATE|WEIGHT|SHIP|SHIPPER|SENDER|NUMBER|NO|THE|N/A|NONE|UPS|FEDEX|USPS|"
    r"DHL|GROUND|PRIORITY|POSTAL|CODE|ZIP|EXPRESS|MAIL|PACKAGE|PARCEL|BILLING|SERVICE|LABEL|DELIVERY|"
    # (the name's own label after a side's: Turkish 'Alıcı Adı Soyadı', a header, was read as a name and
    # the header row as data; found by hand, 2026-12-07)
    r"ADI|SOYADI|SOYAD|İSİM|ISIM)\b",
    re.I,
)
NOT_NAME = _NOT_NAME  # (read by detect)
# delivery phrases among the anchors (spaces taken out, upper case): their names are read in
# capitalised words only
_PHRASE_ANCHORS = frozenset(("CONSEGNAA", "ENTREGARA", "ZUSTELLUNGAN", "LIEFERUNGAN", "BEZORGENBIJ", "LIVRERÀ",
                             "LIVRAISONÀ", "REMETTREÀ", "ABZUGEBENBEI", "ABGEBENBEI", "HANDTO", "HANDITTO", "GIVETO",
                             "GIVEITTO", "LEAVEWITH", "LEAVEITWITH", "LEAVEW/", "LEAVEITW/", "DEJARCON", "DEJARA", "ENTREGARAL", "LASCIAREA",
                             "CONSEGNAREA", "AFLEVERENBIJ", "LEVERTIL", "LEVERERTIL", "LÄMNATILL", "DORĘCZYĆDO",
                             "CHEZ", "PRESSO", "A/C", "A/CDE", "A/CDA", "A/CDO", "A/CDOS", "A/CDAS", "AOSCUIDADOSDE",
                             "AOSCUIDADOSDA", "AOSCUIDADOSDO", "AOSCUIDADOSDOS", "AOSCUIDADOSDAS",
                             "ALAATENCIÓNDE", "ALAATENCIONDE", "ALL'ATTENZIONEDI", "ALL’ATTENZIONEDI",
                             "ASKFOR", "PREGUNTARPOR", "PREGUNTEPOR", "PERGUNTARPOR", "PERGUNTEPOR", "CHIEDEREDI",
                             "CHIEDEREA", "CHIEDIDI", "CHIEDIA", "DEMANDER", "DEMANDERÀ", "DEMANDEZ", "DEMANDEZÀ",
                             "VRAGENNAAR", "VRAAGNAAR", "SPØRGEFTER", "SPØRETTER", "SPØREFTER", "SPØRGETTER",
                             "FRÅGAEFTER", "PYTAĆO", "ZAPYTAĆO", "SENDTO", "SENDITTO", "MAILTO", "MAILITTO",
                             "ADDRESSEDTO", "FORWARDTO", "FORWARDITTO", "SHIPITTO"))
# who a parcel is left with that is no person's name
_NO_ONE_AFTER_PHRASE = frozenset(("reception", "recepción", "recepcion", "réception", "rezeption", "reception.",
                                  "security", "seguridad", "sicurezza", "sécurité", "neighbour", "neighbor", "neighbours",
                                  "nachbar", "nachbarn", "voisin", "voisine", "vecino", "vecina", "vicino", "vicina",
                                  "buren", "buurman", "buurvrouw", "granne", "nabo", "porter", "portero", "portiere",
                                  "concierge", "conserje", "gardien", "gardienne", "doorman", "hausmeister", "front",
                                  "mailroom", "office", "the", "el", "la", "le", "il", "lo", "der", "die", "das", "den",
                                  "de", "a", "an", "my", "our", "mi", "mon", "ma", "mein", "meine", "mio", "mia",
                                  # (what one asks for at a door that is no one)
                                  "signature", "id", "help", "directions", "manager", "supervisor", "assistance",
                                  "firma", "documento", "dni", "unterschrift", "ausweis", "code", "identification",
                                  "confirmation", "information", "info"))
NO_ONE_AFTER_PHRASE = _NO_ONE_AFTER_PHRASE  # (read by detect)
_PARTICLES = frozenset(("van", "von", "de", "der", "den", "da", "di", "du", "del", "della", "dos", "das", "le", "la",
                        "ter", "ten", "zu", "y", "e", "des", "do", "dei", "degli", "af", "av", "bin", "binti", "bint",
                        "ibn", "ben", "al", "el", "ap", "op", "het", "'t", "’t", "i", "te",
                        # ('María José de los Ángeles García-Herrera' kept 'Ángeles García-Herrera')
                        "los", "las", "dal", "dalla", "dello", "delle", "vom", "zum", "zur", "dela", "delos", "delas", "abu"))


# a sentence's words between an anchor and a name, in lower case as written
_LEAD_WORDS = lazy(r"(?:(?:my|our|your|his|her|their|the|a|an|of|de|du|des|la|le|les|el|al|der|die|das|den|dem|"
                         r"mein|meine|meinen|meinem|unser|unsere|mon|ma|mes|mi|mis|il|lo|to|for|at|with|"
                         # (a sentence's verb: 'Empfänger ist mein Sohn Felix'; 'La destinataire s'appelle
                         # Amélie Laurent' masked 's'appelle' as the name; found by hand)
                         r"is|ist|est|es|è|är|jest|s['’]appelle|si[ \t]+chiama|se[ \t]+llama|heißt|heisst|heet|"
                         r"chama-se|se[ \t]+chama|nazywa[ \t]+się|se[ \t]+jmenuje|called|named)[ \t]+)+")


def _capitalised_run(name: str) -> str:
    """The words of ``name`` up to the first that starts in lower case and is no name particle
    (particles only between capitalised words: 'Fernández de la Cruz'), as written in ``name``
    (the spaces between them too: 'J  J' joined as 'J J' was a finding whose text was not its span)."""
    spans = [m.span() for m in re.finditer(r"\S+", name)]
    words = [name[a:b] for a, b in spans]
    out: list[str] = []
    for k, w in enumerate(words):
        if w[:1].isupper():
            out.append(w)
            continue
        j = k
        while j < len(words) and words[j].lower() in _PARTICLES:
            j += 1
        if out and j > k and j < len(words) and words[j][:1].isupper():
            out.append(w)
        else:
            break
    return name[spans[0][0]:spans[len(out) - 1][1]] if out else ""


# where a name typed in lower case after a delivery phrase ends: a field's end, a number, a
# preposition that starts the place ('give to john smith at 14 elm street')
_LOWER_NAME_END = lazy(r"[ \t]*(?:$|[,;|/\n\t(.]|\d|(?:at|in|on|bei|chez|en|op|på|à|a|al|au|nel|na|w|c/o)[ \t])")
# a word typed in lower case (Latin-1 and Extended-A letters): read by the lower-case name rules here
# and by detect's name before a street
LOWER_WORD = r"[a-zß-öø-ÿ\u0101-\u017f][a-zß-öø-ÿ\u0101-\u017f'’\-]+"
_LOWER_NAME_WORD = lazy(LOWER_WORD)


# where one lives, in the words before a street ('habito na rua augusta 120' is no name)
_LIVING_WORDS = frozenset("live lives living stay staying moved habito moro vivo vivimos wohne wohnen woon wonen bor "
                          "mieszkam bydlím bydlim abito abitiamo habite habitons asuu asun oturuyorum yaşıyorum "
                          "na no em w we v ve u nel nella nello in im bei dans chez en op på i à a al au z ze "
                          # (an address's or a delivery's words: 'neue adresse hauptstr 5 ...', 'livraison
                          # prévue 15 avenue ...' were masked as names)
                          "address adresse adres adresa anschrift indirizzo dirección direccion endereço endereco "
                          "osoite adress new neue neuer nouvelle nouvel nueva nuevo nuova nuovo nieuw nieuwe ny nya "
                          "nowy nowa nový nová old alte ancienne vieja delivery lieferung livraison entrega consegna "
                          "levering leverans dostawa doručení teslimat prévue prévu geplant prevista previsto "
                          "shipped shipping versand envoi envío spedizione verzending ordered order bestellung "
                          "commande pedido ordine bestelling home work office billing next door upstairs downstairs "
                          "across opposite".split())


def lower_name_words(ws: list[str]) -> bool:
    """Whether words typed in lower case may be a person's name (no word of a sentence, a place, a
    role, a department, a relative, thanks; the first one a given name's word)."""
    return all(_LOWER_NAME_WORD.fullmatch(w) for w in ws) and ws[0] not in _NO_ONE_AFTER_PHRASE \
        and not any(w in _NOT_LOWER_NAME or w in _LOWER_NOT_NAME or w in _NOT_CONTACT or w in THANKS
                    or w in _NO_ONE_AFTER_PHRASE or w in _KIN_WORDS or w in _DEPARTMENTS or w in _LIVING_WORDS
                    for w in ws) \
        and _given_word(ws[0]) and not _names_no_person([w.capitalize() for w in ws])


def _lower_span(m: re.Match) -> tuple[int, int] | None:
    """The span of the words of ``m``'s group 'name' up to the last that still reads as a name typed
    in lower case (``lower_name_words``), or None when none does."""
    words = m.group("name").split()
    while words and not lower_name_words(words):
        words.pop()
    if not words:
        return None
    s0 = m.start("name")
    return s0, s0 + [w.end() for w in re.finditer(r"\S+", m.group("name"))][len(words) - 1]


def _lower_name(text: str, ns: int, name: str) -> str:
    """A name of 2 or 3 lower-case words at ``ns`` after a delivery phrase, ending where a field,
    a number or a place's preposition follows; '' when its words are a sentence's, a place's or a
    role's ('hand it to the porter', 'deliver to front desk, ...')."""
    words = name.split()[:3]
    for k in (3, 2):
        if len(words) < k:
            continue
        ws = words[:k]
        if not lower_name_words(ws):
            continue
        m = re.match(r"[ \t]*" + r"[ \t]+".join(map(re.escape, ws)), text[ns:ns + len(name) + 1])
        if m is None:
            continue
        if _LOWER_NAME_END.match(text, ns + m.end()):
            return text[ns:ns + m.end()].strip()
    return ""


_SHORT_ANCHORS = {"TO", "FROM", "NAME", "TILL", "CONTACT", "CUSTOMER", "SURNAME", "SIGNEDBY", "SIGNEDFORBY",
                  "RECEIVEDBY", "COLLECTEDBY", "ATT", "ATT.", "FOR", "AN", "POUR", "À", "PARA", "PER", "VOOR", "DLA",
                  "KIME", "FÜR", "FUER", "SIGNED"}
SHORT_ANCHORS = _SHORT_ANCHORS  # (read by formats.txt)
# a label alone on its line, its value on the next (``formats.txt``)
ANCHOR_ALONE = lazy(rf"(?i)[ \t]*(?:(?:{_ANCHOR})[ \t]*(?:[:：]|[-–—])?|"
                          rf"(?:收件人|寄件人|收货人|发件人|联系人|收件方|寄件方|收方|寄方)(?:信息|姓名)?[ \t]*[:：]?)[ \t]*")
# one word that is a long anchor by itself ('Ontvanger', 'DESTINATARIO'; not 'To', 'Till', which
# are names or parts of names too)
_ANCHOR_ONLY = lazy(rf"(?i)(?=\w{{5,}}[:：]?$)(?:{_ANCHOR})[:：]?")
ROLE = {"SHIP": "recipient", "DELI": "recipient", "CONS": "recipient", "RECI": "recipient",
        "RECE": "recipient", "TO": "recipient", "ATTN": "recipient", "ATTE": "recipient", "ATT": "recipient",
        "ATT.": "recipient", "A/A": "recipient",
        "TILL": "recipient", "MOTT": "recipient", "EMPF": "recipient", "DEST": "recipient",
        "ODBI": "recipient", "PŘÍJ": "recipient", "ALIC": "recipient", "ONTV": "recipient", "MODT": "recipient",
        "VAST": "recipient", "ADRE": "recipient", "ENTR": "recipient", "ZUST": "recipient", "LIEF": "recipient",
        "BEZO": "recipient", "Z.HD": "recipient", "REMI": "sender", "MITT": "sender", "GÖND": "sender",
        "AFZE": "sender", "AFSE": "sender", "LÄHE": "sender",
        "FROM": "sender", "SEND": "sender", "SHIPPER": "sender", "RETU": "sender",
        "AVSÄ": "sender", "ABSE": "sender", "EXPÉ": "sender", "NADA": "sender", "ODES": "sender",
        "ADDR": "recipient", "SIGN": "recipient", "FOR": "recipient", "AN": "recipient", "POUR": "recipient",
        "À": "recipient", "PARA": "recipient", "PER": "recipient", "VOOR": "recipient", "DLA": "recipient",
        "KIME": "recipient", "FÜR": "recipient", "FUER": "recipient", "RCPT": "recipient", "RCVR": "recipient",
        "CNEE": "recipient", "CNOR": "sender", "SHPR": "sender", "CONSIGNOR": "sender", "SENDTO": "recipient",
        "SENDITTO": "recipient", "MAILTO": "recipient", "MAILITTO": "recipient", "FORW": "recipient",
        "SHIPITTO": "recipient"}
NAME_CELL_RE = lazy(rf"^\s*{_NAME}\s*$")


def _role(anchor: str) -> str | None:
    a = re.sub(r"\s+", "", anchor.upper())
    if a.startswith("SHIPFROM"):
        return "sender"
    if a in ROLE:
        return ROLE[a]
    return ROLE.get(a[:4])


# a surname (and given names) after a title: "Call Mrs. Smith on arrival", "Dr Emily Carter"
# (and written in capitals: 'MRS KATHLEEN RODRIGUEZ'; not 'MS', 'DR': Mississippi, Microsoft, DRIVE)
_TITLES = (r"Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Herrn|Hrn|Herr|Frau|Hr|Fr|Mme|Mlle|Monsieur|Madame|Sig|Sig\.ra|Signor|Signora|Sr|Sra|Srta|"
           r"Señor|Señora|Dhr|Mevr|Pan|Pani|MR|MRS|MISS|PROF|HERR|FRAU|MME|MLLE|MONSIEUR|MADAME|"
           # (a family by its surname, and Italian and Spanish titles as notes write them: 'Bei Familie
           # Schneider klingeln', 'sig.ra Rossi' stood; found by hand)
           r"Familie|Famille|Familia|Famiglia|Rodzina|Fam|familie|famille|familia|famiglia|rodzina|"
           r"sig\.ra|sig\.na|Sig\.na|dott\.ssa|Dott\.ssa|Dott|dott|sra|srta|herr|frau|"
           # (titles written in lower case inside a sentence, and the Polish and Czech forms a
           # sentence declines: 'zostawić u pani Kowalskiej', 'contact met mevrouw Jansen' stood;
           # found by hand)
           r"pani|pana|panu|panem|panią|paní|Paní|pan|mevrouw|Mevrouw|meneer|Meneer|signora|signor|señora|señor|"
           r"madame|monsieur|mme|mlle|"
           # (Vietnamese, Indonesian and Malay forms of address before a given name, as notes
           # write them: 'Giao cho chị Lan', 'Antar ke Pak Budi', 'Titip ke Bu Sari', 'Gửi ông
           # Nguyễn Văn An' stood; found by hand. A capitalised 'Anh' may be the given name itself:
           # the name beside a phone or an anchor, which takes both words, is the longer finding)
           # ('em' and 'Em', 'bu' and 'mas' in lower case are left out: Portuguese 'em Lisboa', Turkish
           # 'bu İstanbul adresine', Spanish and Portuguese 'mas' (but) before a town)
           r"anh|chị|cô|chú|bác|ông|bà|cậu|dì|Anh|Chị|Cô|Chú|Bác|Ông|Bà|Cậu|Dì|"
           r"Pak|Bu|Bapak|Ibu|Bpk|Mas|Mbak|Kak|Sdr|Sdri|Saudara|Saudari|pak|bapak|ibu|mbak|kak|"
           r"Encik|Cik|Puan|Tuan|encik|cik|puan|tuan|"
           # (Indian, Filipino and Portuguese forms of address, the Filipino 'kay' before a person's
           # name, and kin words before a given name: 'Hand over to Sri Venkatesh', 'kay Aling
           # Nena', 'com a Dona Maria', 'Lascia il pacco a Zia Carla', 'Lämna hos Britt-Marie'
           # stood; found by hand)
           r"Sri|Shri|Shree|Smt|Kumari|Sushri|Gng|Bb|Aling|Mang|Kuya|Ate|Tita|Tito|Dona|dona|kay|hos|"
           r"Zia|Zio|zia|zio|Tante|tante|Onkel|onkel|Oma|Opa|Nonna|Nonno|nonna|nonno|Tía|Tío|tía|tío|Tia|Tio|tia|tio")
# (a family's surname with its particle: 'Fam. de Jong', 'Familie van der Berg' kept 'de Jong')
_TITLE_PARTICLES = r"(?:(?:van|von|de|der|den|ten|ter|te|da|di|du|del|della|dela|delos|los|las|le|la|zu)[ \t]+){0,3}"
# academic titles after Dr ('Frau Dr. med. Anna Schulz': the name stopped at 'med.' and stood)
_ACADEMIC = r"(?:med|dent|vet|phil|jur|rer\.[ \t]?nat|rer\.[ \t]?pol|habil|h\.[ \t]?c|Ing|Mag)\."
TITLE_RE = lazy(rf"(?<![A-Za-z])(?:{_TITLES})\.?(?:[ \t]+(?:(?:Dr|Prof|DR|PROF)\.?|{_ACADEMIC}))*[ \t]+(?P<name>{_TITLE_PARTICLES}{_WORD}(?:[ \t]+{_TITLE_PARTICLES}{_WORD}){{0,2}})")
_TITLE_GATE = lazy(rf"\b(?:{_TITLES})\b")
_TITLE_WORD = lazy(rf"(?:{_TITLES})\.?")


_STREET_PARTICLES = frozenset(("do", "da", "de", "del", "della", "dos", "das", "du", "di", "des"))


def _street_named_after(text: str, a: int) -> bool:
    """A street type right before ``a`` (a particle between): the title starts a street named
    after a person ('R. do Dr. António Macedo, 54', 'Calle Dr. Fleming 3'), no one's name."""
    from .address_eu import street_type_word

    words = text[max(0, a - 24):a].split()
    while words and words[-1].lower() in _STREET_PARTICLES:
        words.pop()
    # (a preposition is no abbreviated street type: 'Consegnare al Sig. Esposito' read 'al' as the
    # Polish 'al.' (aleja), and the name stood; found by hand)
    return bool(words) and words[-1].lower() not in _PREPOSITIONS and street_type_word(words[-1])


# forms of address that Vietnamese and Indonesian streets are named with ('Khóm 94 Bà Triệu', 'Jl. Ibu
# Inggit'), and a house number right before one
# an Indian town or a country whose name starts with 'Sri' (Sri Ganganagar, Sri Madhopur, Sri Lanka),
# and a PIN code after a name (no person's name is followed by one)
_IN_PLACE_NAME = lazy(r"(?i)(?:nagar|pur|puram|abad|garh|ganj|kota|halli|palli|pet|peta|wadi|gaon|sahib|"
                            r"kalahasti|lanka)\b")
_PIN_AFTER = lazy(r"[ \t]*[,\-]?[ \t]*\d{3}[ \t]?\d{3}(?![\d\-])")
# forms of address that are given names as well ('Tito Ureña', 'Tia Johnson', 'Zia Khan', 'Anh Nguyen'):
# masked with the name after them (world_text seed 127, es_ES: 'Tito' stood as a title)
_GIVEN_TITLES = frozenset("Tito Tita Tia Tio Tía Tío Zia Zio Dona Anh".split())
# a form of address that is a given name after another one: 'Ibu Sri Mulyani' (Sri is an Indian
# honorific and a common Indonesian given name; after Ibu it stood, found by hand, 2026-12-07)
_GIVEN_AFTER_TITLE = lazy(r"Sri[ \t]+[A-Z]")
_STREET_TITLES = frozenset("bà ông cô chú bác anh chị pak bu ibu bapak".split())
_NUMBER_BEFORE = lazy(r"(?<![^\W\d_])\d{1,4}[A-Za-z]?(?:/\d{1,4})*[ \t]+$")
# a house number and one to three capitalised words before a title word: the title is a word of the
# street's name ('388 Cach Mang Thang Tam', Cách Mạng Tháng Tám written plain: 'Mang' is a Filipino
# honorific, and 'Thang Tam' was masked as a name with its initials kept; label_gen vn_ghn, seed 85300)
_STREET_WORDS_BEFORE = lazy(r"(?<![^\W\d_])\d{1,4}[A-Za-z]?(?:/\d{1,4})*[ \t]+(?:[A-ZÀ-ÞĐ][^\W\d_]*[ \t]+){1,3}$")


_PREPOSITIONS = frozenset("al a alla allo ai en in el la le il au aux zum zur am an bei chez para por per".split())


_NL_POSTCODE_BEFORE = lazy(r"(?:^|[,;|/])[ \t]*\d{4}[ \t]?$")
# a name after a possessive and a word for a relative or a neighbour ('My cousin Chen Jie will pick it
# up', 'Leave with my wife Wang Fang': found by hand, both stood; a title after the word is read by
# ``TITLE_RE``)
_KIN = (r"wife|husband|son|daughter|mother|mom|mum|father|dad|brother|sister|cousin|neighbou?r|friend|colleague|boss"
        r"|uncle|aunt|auntie|grandma|grandmother|granny|grandpa|grandfather|nephew|niece|partner|girlfriend|boyfriend"
        r"|fianc[eé]e?|roommate|flatmate|housemate|landlord|landlady|nanny|assistant|(?:son|daughter|mother|father|brother"
        r"|sister)-in-law"
        # (as notes write them: 'pls give to my bro Kev' stood; found by hand)
        r"|bro|sis|hubby|wifey|bf|gf|mommy|daddy|nan|nana|gran|grandad|stepmom|stepdad|bestie|mate")
# (and a building's staff by their job, with or without 'the': 'leave with concierge Bob', 'give it
# to the doorman, Luis' stood; found by hand)
_STAFF = r"concierge|doorman|doorwoman|porter|receptionist|caretaker|janitor|housekeeper|superintendent|security[ \t]+guard"
KIN_RE = lazy(rf"(?<![A-Za-z])(?:(?i:my|our|his|her|their)[ \t]+(?i:{_KIN}|{_STAFF})|"
                    rf"(?:(?i:the)[ \t]+)?(?i:{_STAFF}))(?:[ \t]*,?[ \t]+|[ \t]*\([ \t]*)"
                    # (or in brackets: 'ask the concierge (Pierre) to sign' stood; found by hand)
                    rf"(?P<name>{_WORD}(?:[ \t]+{_WORD}){{0,2}})")
# a neighbour in the languages of the notes, no possessive needed ('mi vecina Carmen', 'grannen
# Anders Nilsson', 'komşum Ayşe Hanım', 'a vizinha D. Fernanda' stood; found by hand); a title
# after it is the title rule's ('meiner Nachbarin Frau Özdemir')
_NEIGHBOUR = (r"nachbar(?:in|n)?|voisine?|vicin[oa]|vecin[oa]|grannen|granne|s[ąa]siad(?:ka|ki|ce|a|owi)?|"
              r"komşu(?:m|muz)?|vizinh[oa]|buurman|buurvrouw|naboen|nabo|naapuri")
NEIGHBOUR_RE = lazy(rf"(?<![^\W\d_])(?i:{_NEIGHBOUR})[ \t]+(?:(?:D\.|Dona|Dª|Sr\.|Sra\.)[ \t]+)?"
                          rf"(?P<name>{_WORD}(?:[ \t]+{_WORD}){{0,2}})")
# a relative after a possessive in the languages of the notes ('mein Sohn Felix', 'ma fille Emma',
# 'mi hijo Pablo', 'mia moglie Giulia', 'mijn zoon Daan', 'moja żona Anna', 'min fru Karin': the
# German stood with its sentence masked as the name, 'Empfänger i** m*** S*** F****'; found by hand)
_KIN_INTL = (r"sohn|tochter|frau|mann|ehefrau|ehemann|mutter|mama|vater|papa|bruder|schwester|oma|opa|freundin|freund"
             r"|kollegin|kollege|partnerin|onkel|tante|cousine?|enkel(?:in)?|fils|fille|femme|mari|mère|père|frère|sœur|soeur"
             r"|copine|copain|collègue|hij[oa]|espos[oa]|mujer|marido|madre|padre|herman[oa]|prim[oa]|novi[oa]|compañer[oa]"
             r"|figli[oa]|moglie|marito|fratello|sorella|cugin[oa]|fidanzat[oa]|zoon|dochter|vrouw|broer|zus|vriendin?"
             r"|syn|syna|córka|corka|córki|corki|żona|zona|żony|zony|mąż|maz|męża|meza|brat|brata|siostra|siostry"
             r"|mamy|taty|son|dotter|fru|man|bror|syster|datter|kone|søster|filh[oa]"
             r"|mulher|marido|irmão|irmã|oğlum|kızım|eşim")
_POSSESSIVE = (r"mein|meine|meinem|meinen|meiner|unser|unsere|unserem|unseren|unserer|ihr|ihre|ihrem|ihren|sein|seine"
               r"|seinem|seinen|mon|ma|notre|son|sa|mi|mis|nuestr[oa]|su|mia|mio|il[ \t]+mio|la[ \t]+mia|mijn|onze|moja|mój|"
               r"moj|mojej|mojego|min|mitt|mina|meu|minha|o[ \t]+meu|a[ \t]+minha")
KIN_INTL_RE = lazy(rf"(?<![^\W\d_])(?i:{_POSSESSIVE})[ \t]+(?i:{_KIN_INTL})[ \t]*,?[ \t]+"
                         rf"(?P<name>{_WORD}(?:[ \t]+{_WORD}){{0,2}})")
# the name on a door's bell ('Bitte klingeln bei Schmidt/Yilmaz', 'Name on bell: KOWALCZYK',
# 'Klingelschild: Meier-Schulz', 'Sonnerie : Dupont', 'ring bell 3 (Novak)': the recipient's surname
# as the bell shows it, it stood; found by hand)
BELL_RE = lazy(
    rf"(?<![^\W\d_])(?:(?i:klingeln[ \t]+bei|klingel(?:schild|name)?|name[ \t]+on[ \t]+(?:the[ \t]+)?(?:bell|buzzer|intercom|door)"
    rf"|(?:door[ \t]*)?bell|buzzer|intercom|sonnerie|sonner[ \t]+chez|interphone|timbre|portero|citofono|campanello|bel"
    # (the verbs too: 'Citofonare Rossi, scala B' stood; found by hand)
    rf"|citofonare|suonare[ \t]+(?:a|al)|domofon|timbrar[ \t]+(?:a|en)"
    rf"|ringeklokke|ringklocka|dörrklocka|dzwonek|(?:na[ \t]+)?dzwonku|zvonek|zvonit[ \t]+na|zil(?:in[ \t]+üstünde|de)?"
    rf"|campainha|ovikello(?:ssa)?)(?:[ \t]*[:：\-–][ \t]*|[ \t]+)"
    rf"(?:(?:\d{{1,4}}[A-Za-z]?|#\d{{1,4}})[ \t]*\([ \t]*)?)"
    rf"(?P<name>{_WORD}(?:[ \t]*[/&+][ \t]*{_WORD}|[ \t]+{_WORD}){{0,2}})"
    # (or before the verb: 'bei Müller klingeln', 'bitte bei Fam. Schmidt läuten')
    rf"|(?<![^\W\d_])(?i:bei)[ \t]+(?:(?i:fam\.?|familie|herrn?|frau)[ \t]+)?(?P<before>{_WORD}(?:[ \t]*[/&+\-][ \t]*{_WORD})?)"
    rf"[ \t]+(?i:klingeln|läuten|schellen)(?![^\W\d_])"
    # (and who to ask for: 'nach Jonas fragen', 'bitte nach Frau Weber fragen'; found by hand)
    rf"|(?<![^\W\d_])(?i:nach)[ \t]+(?:(?i:herrn?|frau)[ \t]+)?(?P<asked>{_WORD}(?:[ \t]+{_WORD})?)"
    rf"[ \t]+(?i:fragen)(?![^\W\d_])")
# the gates before these rules: a word of the text in a set (a regex over every text cost ~3-7 us a
# cell; splitting a short text into words and looking each up, well under one)
_BELL_WORDS = frozenset("bell doorbell buzzer intercom sonnerie sonner interphone timbre portero citofono campanello bel "
                        "ringeklokke ringklocka dörrklocka dzwonek dzwonku zvonek zvonit zil zilin zilde läuten schellen "
                        "campainha ovikello ovikellossa citofonare suonare domofon timbrar fragen".split())
_KIN_WORDS = frozenset(
    "my our his her their concierge doorman doorwoman porter receptionist caretaker janitor housekeeper superintendent "
    "security nachbar nachbarin nachbarn voisin voisine vicino vicina vecino vecina grannen granne sąsiad sąsiadka "
    "sąsiadki sąsiadce sąsiada sąsiadowi sasiad sasiadka komşu komşum komşumuz vizinho vizinha buurman buurvrouw naboen "
    "nabo naapuri mein meine meinem meinen meiner unser unsere unserem unseren unserer ihr ihre ihrem ihren sein seine "
    "seinem seinen mon ma notre son sa mi mis nuestro nuestra su mia mio mijn onze moja mój moj mojej mojego min mitt "
    "mina meu minha".split())
_STRIP = ".,:;!?()[]\"'“”‘’«»-–—/"


def words_of(text: str) -> set:
    """The lower-case words of ``text``, punctuation stripped from their ends."""
    return {w.strip(_STRIP) for w in text.lower().split()}


def _kin_gate(text: str, words: set) -> bool:
    return not _KIN_WORDS.isdisjoint(words)


def _bell_gate(text: str, words: set) -> bool:
    return not _BELL_WORDS.isdisjoint(words) or "klingel" in text or "Klingel" in text
# capitalised words after a kin word that are no name ('My Dad And I', 'my Sister Will Call')
KIN_NOT_NAME = _KIN_NOT_NAME = frozenset("and or but i i'm i'll is was will would can could has have had does did who which that this "
                          "the a an at in on to for from with by of as if when then also too not please said says "
                          "will shall may might must should "
                          # (a desk or an office after a job's word: 'Concierge Desk open 9-5')
                          "desk office service services team lounge station room counter lobby entrance hours".split())


# a surname in lower case after a lower-case title, as chats and notes are typed ('the parcel for mrs
# o'neill at no. 7', 'for mr smith': found by hand, both stood); not 'ms' or 'dr' (Microsoft, doctor)
_LOWER_TITLE_RE = lazy(r"(?<![A-Za-z])(?:mr|mrs|miss)\.?[ \t]+(?P<name>[a-z][a-z'’\-]{1,24})(?![A-Za-z])")
_LOWER_NOT_NAME = frozenset("and or but the a an at in on to for from with by of as is was will and right "
                            "big nice so no yes please who which that this his her their our my your".split())


# a relative's name after S/O, D/O, W/O, H/O, C/O ('son of', 'daughter of', 'wife of', as Indian
# addresses and forms write them): 'Name: Arjun Reddy S/O Venkat Reddy' kept the father's name
# (found by hand); an honorific between stays ('Late Shri Ram Prasad')
_RELATION_RE = lazy(rf"(?<![A-Za-z])(?:[SDWHC]/O|[SDWHC]\.O\.|(?i:son|daughter|wife|husband)[ \t]+of)[ \t.:]*"
                          rf"(?:(?:Late|late|Shri|Sri|Smt|Smt\.|Mr|Mrs|Dr|Kumari)\.?[ \t]+){{0,2}}"
                          rf"(?P<name>{_WORD}(?:[ \t]+{_WORD}){{0,3}})")


# (and the person the relation is of, right before it: 'Ramesh Kumar S/O Suresh Kumar, H.No ...' kept
# 'Ramesh Kumar'; found by hand)
_IN_HONORIFIC = lazy(r"(?:(?:Late|Shri|Sri|Smt|Kumari|Km)\.?[ \t]+)+")
_BEFORE_RELATION = lazy(rf"(?<![^\W\d_])(?P<name>{_WORD}(?:[ \t]+{_WORD}){{0,3}})[ \t,]*$")


def titled(text: str, ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    if "/O" in text or "of " in text or ".O." in text:
        for m in _RELATION_RE.finditer(text):
            name = m.group("name").rstrip(" .-,")
            if len(name) >= 2 and not _NOT_NAME.match(name):
                out.append(Finding(EntityType.NAME, m.start("name"), m.start("name") + len(name), name, 0.8,
                                   "name_en.relation", meta=(("latin", True),), role=ctx.role))
            if text[m.start():m.start() + 3].upper() in ("S/O", "D/O", "W/O", "H/O", "S.O", "D.O", "W.O", "H.O"):
                b = _BEFORE_RELATION.search(text, max(0, m.start() - 60), m.start())
                if b is not None:
                    words = b.group("name").split()
                    tw = _TITLE_LEAD.match(b.group("name")) or _IN_HONORIFIC.match(b.group("name"))
                    s0 = b.start("name") + (tw.end() if tw is not None and tw.end() < len(b.group("name")) else 0)
                    got = text[s0:b.end("name")].rstrip(" .-,")
                    if len(got) >= 2 and not _NOT_NAME.match(got) and not _ANCHOR_ONLY.fullmatch(words[0].rstrip(":")):
                        out.append(Finding(EntityType.NAME, s0, s0 + len(got), got, 0.8, "name_en.relation",
                                           meta=(("latin", True),), role=ctx.role))
    if "mr" in text or "miss" in text:
        for m in _LOWER_TITLE_RE.finditer(text):
            if m.group("name") not in _LOWER_NOT_NAME:
                out.append(Finding(EntityType.NAME, m.start("name"), m.end("name"), m.group("name"), 0.7,
                                   "name_en.title", meta=(("latin", True),), role=ctx.role))
    if not _TITLE_GATE.search(text):
        return out
    for m in TITLE_RE.finditer(text):
        name = _before_sentence(m.group("name").rstrip(" .-"))
        s = m.start("name")
        tw = _TITLE_LEAD.match(name)
        if tw is not None and tw.end() < len(name) and not _GIVEN_AFTER_TITLE.match(name):
            s += tw.end()  # (a second title, 'Herrn Dr. Klaus Becker': no part of the name)
            name = name[tw.end():]
        if len(name) < 2 or _NOT_NAME.match(name) or _street_named_after(text, m.start()):
            continue
        if text[m.start():m.start() + 4].split(" ")[0].lower() in _STREET_TITLES \
                and _NUMBER_BEFORE.search(text, max(0, m.start() - 16), m.start()) is not None:
            continue  # (a street named after a person, its house number before it: '94 Bà Triệu', '12 Ông Ích Khiêm')
        if _STREET_WORDS_BEFORE.search(text, max(0, m.start() - 48), m.start()) is not None:
            continue
        if text[m.start():m.start() + 5].split(" ")[0].lower() in ("sri", "shri", "shree") \
                and (_IN_PLACE_NAME.search(name) or _PIN_AFTER.match(text, s + len(name))):
            continue  # (a town: 'Sri Ganganagar 049134' was a name and its PIN stood, world_text seed 126)
        if _NL_POSTCODE_BEFORE.search(text, max(0, m.start() - 8), m.start()) and text[m.start():m.start() + 2].isupper():
            continue  # a Dutch postcode's letters, '3806 MR Baarland': the town, no Mr (world_text seed 83)
        e = s + len(name)
        if text[m.start():m.start("name")].split()[0].rstrip(".") in _GIVEN_TITLES:
            s = m.start()  # (a form of address that is a given name too: 'Destinatario Tito U...' showed Tito)
        out.append(Finding(EntityType.NAME, s, e, text[s:e], 0.85,
                           "name_en.title", meta=(("latin", True),), role=ctx.role))
    return out


def kin_named(text: str, ctx: Context) -> list[Finding]:
    """Names after 'my wife', 'our neighbour' ... (``KIN_RE``)."""
    out: list[Finding] = []
    seen = words_of(text)
    if _bell_gate(text, seen):
        out += _belled(text, ctx)
    if not _kin_gate(text, seen):
        return out
    for m in chain(KIN_RE.finditer(text), NEIGHBOUR_RE.finditer(text), KIN_INTL_RE.finditer(text)):
        name = m.group("name").rstrip(" .-")
        words = name.split()
        while words and words[-1].lower() in _KIN_NOT_NAME:
            words.pop()  # ('My Dad And I love it': no name)
        name = " ".join(words)
        if len(name) < 2 or not words or words[0].lower() in _KIN_NOT_NAME or _NOT_NAME.match(name) \
                or _TITLE_WORD.fullmatch(words[0]):
            continue
        out.append(Finding(EntityType.NAME, m.start("name"), m.start("name") + len(name), name, 0.8,
                           "name_en.kin", meta=(("latin", True),), role=ctx.role))
    for m in _KIN_LOWER.finditer(text):
        # a relative's name typed in lower case ('its for my wife jane, 45 high st' stood; found by
        # hand): its words up to a field's or a sentence's end, or a verb or preposition after it
        span = _lower_span(m)
        if span is None:
            continue
        s0, e = span
        if _KIN_LOWER_END.match(text, e) is None or any(f.start < e and s0 < f.end for f in out):
            continue
        out.append(Finding(EntityType.NAME, s0, e, text[s0:e], 0.7, "name_en.kin", meta=(("latin", True),),
                           role=ctx.role))
    return out


_KIN_LOWER = lazy(rf"(?<![^\W\d_])(?i:my|our|his|her|their)[ \t]+(?i:{_KIN})[ \t]*,?[ \t]+"
                  rf"(?P<name>{LOWER_WORD}(?:[ \t]+{LOWER_WORD})?)")
_KIN_LOWER_END = lazy(r"[ \t]*(?:$|[,.;:!?)\n]|(?:will|is|can|could|should|would|at|on|and|or|from|who|to|please|has|"
                      r"knows|said|lives|works)(?![^\W\d_]))")


_KIN_FIRST = lazy(rf"(?i:{_KIN_INTL}|{_KIN})(?![^\W\d_])")
_TITLE_LEAD = lazy(rf"(?:(?:{_TITLES}|mevrouw|meneer|M)\.?(?:[ \t]+{_ACADEMIC})*[ \t]+)+")
_NEIGHBOUR_WORD = lazy(rf"(?i:{_NEIGHBOUR}|nachbarn)")


# a capitalised word right before (a given name before a surname that is a bell's word)
_WORD_BEFORE = lazy(rf"(?<![^\W\d_])({_WORD})[ \t]+$")
_PHONE_LABEL_WORDS = frozenset("ph tel tél phone mob mobile cell fon handy telefon tlf tfn".split())


def _belled(text: str, ctx: Context) -> list[Finding]:
    """The name on a door's bell (``BELL_RE``)."""
    out = []
    for m in BELL_RE.finditer(text):
        g = "name" if m.group("name") else "before" if m.group("before") else "asked"
        words = m.group(g).replace("/", " ").replace("&", " ").replace("+", " ").split()
        while words and (words[-1].lower().strip(".,") in _KIN_NOT_NAME or words[-1].lower() in _NOT_GIVEN):
            words.pop()
        if not words or words[0].lower().strip(".,") in _KIN_NOT_NAME or words[0].lower() in _NOT_GIVEN \
                or _NOT_NAME.match(words[0]) or _TITLE_WORD.fullmatch(words[0]) \
                or _KIN_FIRST.fullmatch(words[0]) or _NEIGHBOUR_WORD.fullmatch(words[0]) \
                or (g == "asked" and _NOUN_END.match(words[0])):
            continue  # ('bei Nachbarn klingeln': a neighbour, no name; 'nach Abholung fragen')
        s = m.start(g)
        e = text.index(words[-1], s) + len(words[-1])
        if e - s < 2 or text[e:e + 1] == "*":
            continue  # (a masked name's kept initial, 'ring bell 3 (N****)', is no name)
        if g == "name" and text[m.start():m.start() + 1].isupper() and _DIGIT_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue  # (a street named Bell after its house number: '76 Bell Gully' read Gully as a bell's name,
            # and the record's own name beside its phone then stood; world_text seed 121 en_AU)
        if g == "name" and text[m.start():m.start() + 1].isupper() and (
                words[0].lower().rstrip(".:") in _PHONE_LABEL_WORDS
                or (w := _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())) is not None and _given_word(w.group(1))):
            continue  # (a surname Bell, 'John Bell – Ph: (02) ...': 'Ph' was read as a bell's name and
            # the name beside the phone stood; world_text --more-forms seed 104, en_AU)
        out.append(Finding(EntityType.NAME, s, e, text[s:e], 0.8, "name_en.bell", meta=(("latin", True),),
                           role=ctx.role))
    return out


# a Latin name of 2-3 words right before or after a phone number ("Maria Gonzalez / 555-201-3344",
# "555-201-3344, Tom O'Neil"): a contact written as name and number
# (name particles between the words: "Jan de Vries", "Ludwig van der Berg")
# (van 't Hof, op den Berg, Bart die Pelser, Sven Coreth von und zu Coredo und Starkenberg, Isabel
# van Hoevel en van Zwindrecht, Fabian 's Gravensande, Livia d' Heripon, Eva van het Heerenveen)
# ('auch', a German alias: 'Gitta auch Schlauchin')
# (Filipino and Spanish forms: 'Juan dela Cruz', 'Maria delos Santos', 'Pedro Pérez y Gómez' kept
# their surname: found by hand, 2026-12-07)
_PARTICLE = (r"(?:van|von|de|der|den|die|da|di|du|del|della|dela|delos|delas|los|las|dos|das|do|des|le|la|ter|ten|"
             r"bin|binti|ibn|abu|al|el|op|het|zu|vom|zum|zur|und|en|auch|y|e|['’][ts]|d['’])")
_TWO_WORDS = rf"{_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+){{0,2}}{_WORD}){{1,2}}"
# before a phone, up to four words ('Sven Coreth von und zu Coredo und Starkenberg, 0815 ...'): the
# regex ends at the phone, so a shorter reach would leave the given name
# (a list sorted by the main surname writes the particle last: 'Jutta Dussen van', 'Florian
# Werl-Arnsberg, van')
_NAME_WORDS = rf"{_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+){{0,3}}{_WORD}){{1,3}}(?:,?[ \t]+(?:van|von|de)(?:[ \t]+(?:der|den|de))?)?"
# (a phone icon or an emoji stands for the separator: 'Kathleen Rodriguez ☎ 0412 ...', '... 📱 07700 ...')
# (or surname first, before a comma: 'Rodriguez, Kathleen - 0412 ...', 'Smith, John (0412 ...)';
# ``beside_phone`` takes it only where a record or field starts)
_BEFORE_PHONE = lazy(rf"(?<![A-Za-zÀ-ÖØ-öø-ÿ.\-])(?<![A-Za-zÀ-ÖØ-öø-ÿ]['’])(?P<name>{_NAME_WORDS}|(?P<sf>{_WORD}),[ \t]+{_WORD}(?:[ \t]+{_WORD})?)[>\]\"”'’]?"
                           # (pronouns in brackets after the name: 'Anna Schmidt (she/her), 07700 ...' stood)
                           rf"(?:[ \t]*\((?i:she|he|they|ze|xe|sie|il|elle)/(?i:her|him|them|hers|his|theirs|zir|xem|ihr|lui|elle)\))?"
                           # (and the kind of the number: 'John Smith (Home) 555-123-4567' stood; found by hand)
                           rf"(?:[ \t]*\((?i:home|work|office|mobile|mob|cell|private|priv|h|w|m|c|privat|büro|dienst|portable|fixe|casa|móvil|movil|lavoro|thuis|werk)\))?"
                           rf"[ \t]*(?:[/,;:|(\-–·•\u2600-\u27bf\U0001f000-\U0001faff][\ufe0f]?[ \t]*|"
                           # "call Olga Ivanova at 8 (912) ...", "ring Siobhan Kelly on 087 ..."
                           rf"(?:at|on|under|unter|au|al|op|på)[ \t]+(?:\+?\d{{1,3}}[ \t]+)?)?"
                           # a country prefix the phone finding did not take ("+1-684-...", "001-684-...")
                           # (and its bracket: '+90(010)759-1386')
                           # (and the phone's opening quote: "'John Smith','(212) 555-0134'" in an SQL dump)
                           rf"['\"“‘]?(?:\+\d{{0,3}}[ \t\-.]?\(?|00\d{{0,2}}[ \t\-.]?)?$")
# a name written in lower case right before a phone, where a record or field starts ('kathleen
# rodriguez 0412 345 678', 'an: hans müller, 030 ...'): masked, but a re-read of such words is no
# proof of a name (``engine.HEURISTIC``)
# (or after a word that says whom the parcel is for: 'Colis pour jean dupont 06 12 34 56 78' stood)
_FOR_WORDS = ("pour", "for", "für", "fuer", "para", "per", "voor", "för", "til", "an", "dla")
_AFTER_FOR = "|".join(f"(?<=[ \t]{w}[ \t])|(?<=^{w}[ \t])|(?<=^{w.capitalize()}[ \t])|(?<=[ \t]{w.capitalize()}[ \t])"
                      for w in _FOR_WORDS)
_LOWER_BEFORE_PHONE = lazy(rf"(?:^|(?<=[:;|\t\n(])|{_AFTER_FOR})[ \t]*(?P<name>{LOWER_WORD}(?:[ \t]+{LOWER_WORD}){{1,3}})"
                                 rf"[ \t]*(?:[/,;:|(\-–][ \t]*|(?:at|on|unter|au|al|op|på)[ \t]+)?(?:\+\d{{0,3}}[ \t\-.]?\(?|00\d{{0,2}}[ \t\-.]?)?$")
_LOWER_ONE_BEFORE_PHONE = lazy(rf"(?:^|(?<=[\n;|\t]))[ \t]*(?P<name>{LOWER_WORD})[ \t]*[:,\-–]?[ \t]*$")
_CALL_LOWER = lazy(rf"(?<![^\W\d_])(?i:call|text|ring|sms|whatsapp|contact|ask[ \t]+for|bel|ruf|appelez|appeler|llamar[ \t]+a|"
                   rf"chiamare|chiama|ligar[ \t]+para)[ \t]+(?P<name>{LOWER_WORD})[ \t]+"
                   rf"(?:(?:on|at|an|au|al|op|på|unter|sur|en|no)[ \t]+)?$")
def _one_lower_before(text: str, end: int, ctx: Context) -> Finding | None:
    """One given name in lower case before a phone at ``end``: alone where a line or field starts,
    or after a word that asks to call or text ('mike 07700 900123', 'text mike on 07700 900123'
    stood; found by hand)."""
    one = _LOWER_ONE_BEFORE_PHONE.search(text, max(0, end - 40), end) or _CALL_LOWER.search(text, max(0, end - 40), end)
    if one is None or one.group("name") in _LOWER_NOT_GIVEN or not lower_name_words([one.group("name")]):
        return None
    return Finding(EntityType.NAME, one.start("name"), one.end("name"), one.group("name"), 0.6,
                   "name_en.beside_phone_lower", meta=(("latin", True),), role=ctx.role)


# one lower-case word before a phone that is a kind of number or a time, no given name
_LOWER_NOT_GIVEN = frozenset("urgent asap now later first second backup alternative alt other whatsapp viber telegram "
                             "signal wechat line skype sms text call number numbers tel phone mobile cell fax landline "
                             "direct main reception customer support hotline service emergency weekdays weekends "
                             "morning afternoon evening night days daytime anytime back again directly instead please pls "
                             "me us him her them".split())
# lower-case words that are no name before a phone ('call me on', 'my number is')
_NOT_LOWER_NAME = frozenset(
    "me my mine him her his hers them their they it its is are was be new old number numbers no nr num "
    "via by with per of in on at an a any all also just only best main other alt alternative private "
    "business personal landline emergency daytime evening night mob ph tlf tfn mail email e-mail "
    "der die das und oder mit bei von zu am im nummer le la les et ou pour chez il el los las y o "
    "con en di per il lo gli het een en of voor bij och eller med "
    # (what a note asks for before a number: 'for more info call 0412 ...' masked 'more info')
    "more info information details further questions question queries enquiries inquiries assistance help".split())
# (or in brackets: 'Contact 0612345678 (Jan de Vries)' stood; found by hand)
_AFTER_PHONE = lazy(rf"^[ \t]*(?:[/,;:|)\-–(][ \t]*)?(?P<name>{_TWO_WORDS})")
_NOT_CONTACT = frozenset(
    "call phone tel telephone mobile cell contact customer service support office fax home work ext hotline center "
    "centre desk front reception help please text sms whatsapp dial ring or and the for to at from before after "
    "delivery deliver delivered pickup pick up arrival arriving between if when only not no leave door gate "
    "monday tuesday wednesday thursday friday saturday sunday today tomorrow am pm us our we you "
    "kontakt kontakta telefon handy mobil rufnummer order number invoice total amount sum ref reference account "
    "tracking parcel package shipment ship street road avenue lane drive st rd ave "
    "herr frau hr fr mme mlle monsieur madame sig signor signora sr sra srta señor señora dhr mevr pan pani".split())


_SURNAME_TOO = frozenset(("lane", "ring", "front"))  # ('Dogan Ring | +49 ...', 'Dawid Front, +48 ...': world_text seed 142)
# a stop word that is a given name too, capitalised first of a name ('Us Karadeniz, +90(...)': a
# Turkish name; 'Contact Us', 'Email Us' stay no names)
_GIVEN_TOO = frozenset(("Us",))
_DIGIT_BEFORE = lazy(r"\d[ \t,]*$")


_CC_BEFORE = lazy(r"\+\d{1,3}[ \t\-.]*(?:\(0\)[ \t\-.]*)?$")


def _label_start(text: str, a: int) -> int | None:
    """Where a phone label that ends right at ``a`` (with what may stand between it and its number)
    starts, after the space before it; None when no label ends there."""
    if a > 0 and text[a - 1] == "+":
        a -= 1  # a finding that starts after the number's '+' ('Tel. +1-532-...' read from its 1)
    else:  # or after its country code and trunk 0 ('Tel.: +49 (0) 0785 ...')
        m = _CC_BEFORE.search(text, max(0, a - 12), a)
        if m is not None:
            a = m.start()
    for lab in _NAT_LABEL.finditer(text, max(0, a - 28), a):
        g = _NAT_GAP.match(text, lab.end(), a)
        if g is not None and g.end() == a and lab.start() > 0:
            return lab.start()
    return None


def _label_word(word: str) -> bool:
    # (a phone's label, or a name's: 'Recipient: 山***; 電話: 090-2***-***9' read 'Recipient' as a
    # given name beside the masked phone, and verify called such outputs leaking; world_text
    # --more-forms seed 102, ja_JP and zh_TW)
    w = word.rstrip(".:：")
    return _NAT_LABEL.fullmatch(w) is not None or _ANCHOR_ONLY.fullmatch(w) is not None


def beside_phone(text: str, phones: list[Finding], ctx: Context, streets: list[Finding] = ()) -> list[Finding]:
    """Latin names of 2-3 words written right before or after a phone number, or right before a
    street line (``streets``: "Anna Schmidt, Hauptstr. 5a, ..."; a town after a street is no name)."""
    out: list[Finding] = []
    sides = [(f, ((_BEFORE_PHONE, max(0, f.start - 60), f.start), (_AFTER_PHONE, f.end, f.end + 60))) for f in phones]
    # a name before the phone's label ('Kathleen Rodriguez, Tel. 0412 345 678', 'Hans Müller, Tel.:
    # 030 1234567', 'Maria Rossi (mob. 347 ...)'): the same test on the text before the label
    for f in phones:
        b = _label_start(text, f.start)
        if b is not None:
            sides.append((f, ((_BEFORE_PHONE, max(0, b - 60), b),)))
    sides += [(f, ((_BEFORE_PHONE, max(0, f.start - 60), f.start),)) for f in streets]
    for f, where in sides:
        for rx, a, b in where:
            m = rx.search(text[a:b])
            if m is None:
                continue
            if rx is _BEFORE_PHONE and m.group("sf") and (f.type is EntityType.ADDRESS or not _segment_start(text, a + m.start())):
                # (the words after a town's comma may still be the name: 'Chaoyang District, Beijing,
                # Zhang Weiming, 139...', '12 Elm Road, Jane Doe, 07700 ...' stood whole, read as a
                # surname-first name that starts no field)
                k = a + m.end("sf") + 1
                m = rx.search(text[k:b])
                if m is None or m.group("sf"):
                    continue
                a = k
            name = m.group("name").rstrip(" .-")
            if name[-1:] in "'’" and not name[-2:-1] in ("s", "S"):
                name = name[:-1]  # (the closing quote of a quoted name: "'John Smith','(212) ...'")
            end = a + m.start("name") + len(name)
            if end < len(text) and text[end].isalnum():
                name = name.rsplit(" ", 1)[0] if " " in name else ""  # "London SW1A": SW is no word
            words = name.split()
            s = a + m.start("name")
            if rx is _BEFORE_PHONE and m.group("sf") and (f.type is EntityType.ADDRESS or not _segment_start(text, s)):
                # 'Springfield, Illinois - 555 ...' ends an address written on one line, 'Berlin,
                # Mitte, Hauptstr. 5' starts one
                continue
            titled = False
            if rx is _BEFORE_PHONE and len(words) > 2 and _label_word(words[-1]):
                # "Kathleen Rodriguez Ph 0412 ...": the label after the name is no part of it
                words = words[:-1]
                name = text[s:text.rindex(words[-1], s, end) + len(words[-1])]
                end = s + len(name)
            if rx is _BEFORE_PHONE:  # "Kontakt Jan Kowalski 512 345 678": the label word is no name
                # (and a word of thanks: 'Grazie Giulia 347 ...', 'Thanks, Priya 07700 ...' were masked
                # whole, the given name is ``_given_beside_phone``'s)
                while len(words) > 1 and (words[0].lower().strip(".:'’") in _NOT_CONTACT
                                          or words[0].lower().strip(".:'’,!") in THANKS) and words[0] not in _GIVEN_TOO:
                    titled = _TITLE_WORD.fullmatch(words[0]) is not None  # "Sr. Silva 912 345 678"
                    s = text.index(words[1], s + len(words[0]))
                    words = words[1:]
                    name = text[s:end]
            if f.type is EntityType.ADDRESS and any(w[:1].islower() and w.lower() not in _PARTICLE_WORDS for w in words):
                # before a street, a name's words start with capitals ('Giao đến số 1 3 Tháng 2':
                # 'đến' is a lower-case word, the sentence's 'deliver to')
                continue
            if len(words) < (1 if titled else 2) or _NOT_NAME.match(name) or any(
                    w.lower().strip(".'’") in _NOT_CONTACT and not (
                        # 'Lane' is a surname too ("Jeffrey Lane, +1 416 ..."): as the last word,
                        # with no house number before the name (a street is "12 Oak Lane")
                        k == len(words) - 1 and k > 0 and w.lower() in _SURNAME_TOO
                        and not _DIGIT_BEFORE.search(text, max(0, s - 4), s)
                        or k == 0 and w in _GIVEN_TOO
                        or k > 0 and w == "The" and words[k + 1:] in (["Elder"], ["Younger"]))
                    for k, w in enumerate(words)):
                continue
            out.append(Finding(EntityType.NAME, s, s + len(name), name, 0.75, "name_en.beside_phone",
                               meta=(("latin", True),), role=ctx.role))
    out += _given_beside_phone(text, phones, out, ctx)
    for f in phones:
        if out and any(x.end <= f.start and not text[x.end:f.start].strip(" \t,;:/|(-–+") for x in out):
            continue
        b = _label_start(text, f.start)
        for end in (f.start,) + ((b,) if b is not None else ()):
            m = _LOWER_BEFORE_PHONE.search(text, max(0, end - 60), end)
            if m is None:
                one = _one_lower_before(text, end, ctx)
                if one is not None:
                    out.append(one)
                    break
                continue
            words = m.group("name").split()
            s, e = m.span("name")

            def stop(w: str) -> bool:
                w = w.strip("'’-")
                return w in _NOT_CONTACT or w in _NOT_LOWER_NAME or _label_word(w) or w in _PARTICLE_WORDS
            while len(words) > 2 and (stop(words[0]) or words[0].lower() not in _FOR_WORDS
                                      and any(w.lower() in _FOR_WORDS for w in words[1:-2])):
                # 'call john smith on 0412 ...'; the words up to a 'for' ('paquete para maría lópez 612 ...')
                s = text.index(words[1], s + len(words[0]))
                words = words[1:]
            if len(words) > 2 and words[0].lower() in _FOR_WORDS:
                s = text.index(words[1], s + len(words[0]))
                words = words[1:]
            if len(words) > 2 and words[-1] in ("at", "on", "unter", "au", "al", "op", "på"):
                words = words[:-1]
                e = text.rindex(words[-1], s, e) + len(words[-1])
            if len(words) > 3 or any(stop(w) for w in words):
                one = _one_lower_before(text, end, ctx)
                if one is not None:
                    out.append(one)
                    break
                continue
            out.append(Finding(EntityType.NAME, s, e, text[s:e], 0.6, "name_en.beside_phone_lower",
                               meta=(("latin", True),), role=ctx.role))
            break
    return out


# words of thanks and farewell that sign a note before the writer's given name and number
# ('Danke! Lukas 0176 ...', 'Thanks, Priya 07700 ...', 'gracias! Lucía 612 345 678'): no part of the
# name (they were masked as its surname, 'T*****, P****', and a lone given name stood; found by hand)
THANKS = frozenset(
    "thanks thank thx ty cheers ta danke dank merci grazie gracias bedankt tack takk tak kiitos dzięki dziekuje "
    "dziękuję díky děkuji dekuji obrigado obrigada teşekkürler tesekkurler sağol saol regards best love bye ciao "
    "salut tschüss tschüs servus grüße gruß gruss lg vg mfg saludos cordialement groeten hälsningar hilsen "
    "pozdrawiam pozdrav hugs xoxo xx mulțumesc multumesc hvala ďakujem dakujem köszönöm koszonom aitäh paldies "
    "ačiū aciu ευχαριστώ спасибо дякую благодаря groetjes mvh vh terveisin pozdrowienia abraços abracos beijos "
    "saluti baci kasih".split())
# an introduction before a given name in a note with a phone ('This is Hannah, please call ...',
# "it's Maria here, my number is ...", 'ask for Dave, 0412 ...', 'ich bin Lukas'): found by hand
_INTRO_BEFORE = lazy(
    r"(?:^|(?<=[\s,.;:!?(\-]))(?i:this[ \t]+is|it['’]s|it[ \t]+is|i['’]m|i[ \t]+am|my[ \t]+name[ \t]+is|ask[ \t]+for|"
    r"ich[ \t]+bin|hier[ \t]+ist|hier[ \t]+spricht|mein[ \t]+name[ \t]+ist|frag(?:en)?[ \t]+(?:sie[ \t]+)?nach|je[ \t]+suis|"
    r"c['’]est|demandez|demander|soy|me[ \t]+llamo|pregunt(?:e|ar|ad)[ \t]+por|sono|mi[ \t]+chiamo|chiedere[ \t]+di|"
    r"chieda[ \t]+di|ik[ \t]+ben|vraag[ \t]+naar|jestem|pytać[ \t]+o|jag[ \t]+är|jeg[ \t]+er|olen|eu[ \t]+sou|sou[ \t]+o|"
    r"sou[ \t]+a|benim[ \t]+adım|"
    # (who to call: 'call Bec 0412 345 678', 'text Sam on ...' stood; found by hand)
    r"call|text|ring|phone|contact|whatsapp|anrufen[ \t]+bei|appeler|appelez|llamar[ \t]+a|llame[ \t]+a|chiamare)[ \t]+$")
_INTRO_GATE = lazy(r"(?i)\b(?:is|it['’]s|i['’]m|am|for|bin|ist|nach|suis|c['’]est|demande[zr]|soy|llamo|por|sono|"
                         r"chiamo|di|ben|naar|jestem|o|är|er|olen|sou|adım|call|text|ring|phone|contact|whatsapp|bei|"
                         r"appeler|appelez|a|chiamare)[ \t]+[A-ZÀ-Þ\u0100-\u024f]")
# one word alone before a phone, after its separator
_ONE_BEFORE_PHONE = lazy(rf"(?<![A-Za-zÀ-ÖØ-öø-ÿ\u0100-\u024f'’.\-])(?P<name>{_WORD})[ \t]*(?:[,:;/|(\-–—·•][ \t]*)?"
                               rf"['\"“‘]?(?:\+\d{{0,3}}[ \t\-.]?\(?|00\d{{0,2}}[ \t\-.]?)?$")
_THANKS_BEFORE = lazy(r"(?:^|(?<=[\s(]))(?P<w>[^\W\d_]+)[ \t]*[!,.:\-–—]*[ \t]*$")
# words that stand alone before a number and name no one ('Mobile 0176 ...', 'Büro: 030 ...')
_NOT_GIVEN = NOT_GIVEN = frozenset(
    # (days and hours: 'Call Mon-Fri 0412 ...')
    "mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday saturday sunday "
    "mon-fri mon-sat weekdays weekends daily anytime evenings mornings afternoons "
    "please bitte call ring text phone mobile cell home work office büro buero zentrale rezeption praxis hotline "
    "service kundenservice support notruf emergency info note hinweis achtung attention whatsapp signal telegram "
    "viber sms tel tlf fax mob handy or oder ou o and und et y e also auch alternatively alt backup second zweite "
    "here hier ask new neu paid total order the my our your his her their this that it is am ist "
    # (an order's, a parcel's or an account's word before its number: 'Sendung 0694 7771 ...')
    "sendung paket bestellung auftrag rechnung kunde konto lieferung abholung zustellung commande facture colis "
    "pedido factura envío envio ordine fattura spedizione zamówienie przesyłka paczka objednávka zásilka "
    "bestelling zending pakket factuur sipariş kargo fatura encomenda pacote invoice parcel package shipment "
    "tracking awb account customer booking ticket case ref privat private festnetz arbeit geschäftlich".split())
# (nor a noun of the languages that end so: 'Sendungsnummer', 'Kundennummer', 'Information')
_NOUN_END = NOUN_END = re.compile(r"(?i:.{4,}(?:ung|ungen|nummer|tion|ment|heit|keit|schaft))$")


_SIGNED_END = lazy(rf"(?:(?P<dash>[ \t][-–—~][ \t]*)|[!,.:][ \t]*|[ \t]+)(?P<name>{_WORD})[ \t]*[.!]?[ \t]*(?=\r?\n|$)")


def _intro_or_thanks(text: str, s: int) -> bool:
    """Whether an introduction ('This is', 'ich bin') or a word of thanks ('Danke!', 'Thanks,')
    stands right before ``s``."""
    if _INTRO_BEFORE.search(text, max(0, s - 24), s) is not None:
        return True
    m = _THANKS_BEFORE.search(text, max(0, s - 24), s)
    return m is not None and m.group("w").lower() in THANKS


_COUNTRY_WORDS: frozenset | None = None


def _country_word(low: str) -> bool:
    """Whether ``low`` (lower case) is a country's one-word name in one of the languages carriers
    print (libphonenumber's region names: 'japan', 'deutschland', 'españa')."""
    global _COUNTRY_WORDS
    if _COUNTRY_WORDS is None:
        import phonenumbers
        from phonenumbers.geocoder import _region_display_name
        names = set()
        for region in phonenumbers.SUPPORTED_REGIONS:
            for lang in ("en", "de", "fr", "es", "it", "nl", "pl", "pt", "sv", "da", "nb", "fi", "cs", "tr"):
                try:
                    name = _region_display_name(region, lang)
                except Exception:  # (a private helper of phonenumbers: no names is no exclusion)
                    continue
                if name and " " not in name:
                    names.add(name.lower())
        # (countries that are given names as often: 'Jordan 0412 ...' is a person)
        _COUNTRY_WORDS = frozenset(names - {"jordan", "chad", "georgia", "israel", "india", "kenya"})
    return low in _COUNTRY_WORDS


country_word = _country_word  # (read by detect: a country after an address names no one's address)


# header and label words that stand before a colon and a value ('Name: 江**', 'Attn: 叶** ***',
# 'Reply-To: ...' were read as given names beside a masked value, and verify called every such
# output leaking: evasion seed 32, the session's first code too)
_HEADER_WORDS = frozenset("name attn att to from cc bcc reply-to subject re fw fwd date sent via ref".split())


def _given_word(word: str) -> bool:
    low = word.lower().strip(".'’:")
    return not (low in _HEADER_WORDS or _country_word(low) or low in _NOT_GIVEN or _NOUN_END.match(low) or low in _NOT_CONTACT or low in _NOT_LOWER_NAME or low in THANKS
                or low in _NOT_GREETED or low in _ALONE_NO_PERSON or _label_word(word)
                or _TITLE_WORD.fullmatch(word) or _NOT_NAME.match(word) or word.isupper() and len(word) <= 3
                or len(word) < 2 or "." in word[:-1])


# whether one capitalised word may be a person's given name (no country, label, title, noun, word of
# thanks or of a group); read by formats.txt under a closing
given_word = _given_word


def _given_beside_phone(text: str, phones: list[Finding], named: list[Finding], ctx: Context) -> list[Finding]:
    """A given name written alone before a phone ('Danke! Lukas 0176 ...', 'Lucía 612 345 678', 'ask
    for Dave, 0412 ...') where it starts a line or a field, follows a word of thanks or an
    introduction, or starts a sentence; and a name after an introduction anywhere in a text with a
    phone ('This is Hannah, please call ...'). Masked: a lone word before a number is a name more
    often than not in a note, and a masked word that was none costs little."""
    out: list[Finding] = []
    taken = [(x.start, x.end) for x in named]

    def add(s: int, e: int) -> None:
        if any(a < e and s < b for a, b in taken):
            return
        taken.append((s, e))
        out.append(Finding(EntityType.NAME, s, e, text[s:e], 0.6, "name_en.given_beside_phone",
                           meta=(("latin", True),), role=ctx.role))
    for f in phones:
        ends = [f.start]
        b = _label_start(text, f.start)
        if b is not None:
            ends.append(b)
        for end in ends:
            m = _ONE_BEFORE_PHONE.search(text, max(0, end - 40), end)
            if m is None or not _given_word(m.group("name").rstrip(".")):
                continue
            s = m.start("name")
            e = s + len(m.group("name").rstrip("."))
            k = s
            while k > 0 and text[k - 1] in " \t":
                k -= 1
            if _segment_start(text, s) or _intro_or_thanks(text, s) or k > 1 and text[k - 1] in ".!?" \
                    and text[k - 2].isalpha():
                add(s, e)
                break
    if phones and not named:
        # a given name that signs the note at a line's end, after a spaced dash or a word of thanks
        # ('+49 176 2345 6789 (WhatsApp only) - Lena', '... 0176 23456789. Thanks, Lena' stood;
        # found by hand; not when the note names someone already: 'José García - 0612345678 -
        # Madrid' ends in its town)
        for m in _SIGNED_END.finditer(text):
            if not _given_word(m.group("name")):
                continue
            s = m.start("name")
            if m.group("dash") or _intro_or_thanks(text, s):
                add(s, m.end("name"))
    if phones and _INTRO_GATE.search(text) is not None:
        for m in re.finditer(rf"(?P<name>{_WORD}(?:[ \t]+{_WORD}){{0,2}})", text):
            s = m.start()
            if not _INTRO_BEFORE.search(text, max(0, s - 24), s):
                continue
            words = _capitalised_run(m.group("name")).split()
            if not words or not _given_word(words[0].rstrip(".,")):
                continue
            while len(words) > 1 and not _given_word(words[-1].rstrip(".,")):
                words.pop()
            name = " ".join(words).rstrip(".,")
            add(s, s + len(name))
    return out


# the particles of ``_PARTICLE`` that are words (not its apostrophe forms)
_PARTICLE_WORDS = frozenset(w for w in _PARTICLE[3:-1].split("|") if w.isalpha())


def _segment_start(text: str, s: int) -> bool:
    """Whether ``s`` starts a record or a field: the text's start, a line, or after a label's colon,
    a semicolon, a bar, a tab, a bracket or a quote."""
    k = s
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    # (or after a short anchor without its colon: 'From Smythe, Siobhán / 087 ...' stood, found by hand)
    return k == 0 or text[k - 1] in "\n\r:;|\t(\"'“‘>" or (k < s and _WORD_ANCHOR_BEFORE.search(text, max(0, k - 6), k) is not None)


_WORD_ANCHOR_BEFORE = lazy(r"(?:^|(?<=[\s:;|(]))(?i:from|to|for|attn|an|für|pour|para|per|voor|till|dla|von)$")


# a display name before an e-mail address in brackets ('Kathleen Rodriguez <krod77@gmail.com>',
# '"Rodriguez, Kathleen" <...>', 'Kathleen Rodriguez (krod77@...)'): a mail header or an address
# book export
# (or after a comma or a spaced dash: 'Maria Garcia-Lopez, maria.gl@example.org' stood, found by
# hand probing forms people write; or a tab, a pipe or a semicolon: a row pasted from a table,
# '<td>Jane Doe</td><td>jane.doe@...')
_BEFORE_EMAIL = lazy(rf"(?<![A-Za-zÀ-ÖØ-öø-ÿ'’.\-])(?P<q>[\"“'‘]?)(?P<name>{_WORD}(?:,?[ \t]+(?:{_PARTICLE}[ \t]+){{0,3}}"
                           rf"{_WORD}){{1,3}})[\"”'’]?(?:[ \t]*[<(\[][ \t]*(?:mailto:)?|,[ \t]*|[ \t]+[-–—][ \t]+|[ \t]*[\t|;｜][ \t]*)$")


NOT_CONTACT_WORDS = _NOT_CONTACT  # (read by detect's name pairs)
# words before a display name in a mail's text ('Thanks, Maria Garcia, maria@...')
_SIGN_OFF = frozenset("thanks thank regards best cheers hi hello dear sincerely yours kind warm email e-mail mail "
                      "write reply sent by cc bcc".split())


def before_email(text: str, emails: list[Finding], ctx: Context) -> list[Finding]:
    """Latin names of 2-4 words written as an e-mail address's display name."""
    out: list[Finding] = []
    for f in emails:
        a = max(0, f.start - 80)
        m = _BEFORE_EMAIL.search(text, a, f.start)
        if m is None:
            continue
        name = m.group("name").rstrip(" .-")
        s = m.start("name")
        # (a word that is no name's first: 'From Maria Garcia <...>', 'Email John Smith <...>': the
        # name after it)
        lead = re.match(r"[^ \t,]+,?[ \t]+", name)
        while lead is not None and lead.group().strip(" \t,").lower().strip(".'’:") in _NOT_CONTACT | _SIGN_OFF:
            name, s = name[lead.end():], s + lead.end()
            lead = re.match(r"[^ \t,]+,?[ \t]+", name)
        words = name.replace(",", " ").split()
        if len(words) < 2 or _NOT_NAME.match(name) or any(w.lower().strip(".'’") in _NOT_CONTACT for w in words):
            continue  # ('Customer Service <cs@...>', 'Order Number <...>')
        out.append(Finding(EntityType.NAME, s, s + len(name), name, 0.8, "name_en.before_email",
                           meta=(("latin", True),), role=ctx.role))
    return out


# a word in a script other than Latin and CJK, with its combining marks (the vowel signs of
# Bengali, Devanagari, Thai are marks, not letters; and the zero-width joiners these scripts write
# inside a word, 'अनन्‍त': the name stood under a closing, world_text --locales scripts seed 105)
SCRIPT_MARKS = "\u200c\u200d\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u0900-\u0dff\u0e31-\u0e4e\u0eb1-\u0ecd"
OTHER_SCRIPT_WORD = (r"(?:[^\W\d_A-Za-z\u00c0-\u024f\u1e00-\u1eff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]|"
                     rf"[{SCRIPT_MARKS}])+")
# such a word as a name writes it, with an apostrophe, geresh or hyphen inside ('ח'טיב', 'डी’सोउज़ा',
# 'Մելիք-Աբրահամյան': after a greeting they stood, world_text --formats mail scripts seed 96)
# (and a Hebrew letter's geresh ending the word: "Dear מוחמד חאג' יחיא," stood, world_text --locales
# scripts seed 114)
OTHER_SCRIPT_NAME_WORD = rf"{OTHER_SCRIPT_WORD}(?:['’׳\-]{OTHER_SCRIPT_WORD})*(?:(?<=[\u05d0-\u05ea])['’׳](?![^\W\d_]))?"
# a name after a greeting, where a message starts ('Dear Maria Garcia,', 'Hi Anna,', 'Hallo Jan
# Kowalski!'): found by hand in notes and mail bodies, it stood. Not 'Dear Customer', 'Hi there'
_GREETING = lazy(
    r"(?:^|(?<=[\n.!?;:]))[ \t]*(?:[Hh]i|[Hh]ey|(?i:dear|hello|hallo|liebe|lieber|sehr[ \t]+geehrte[r]?|cher|chère|bonjour|"
    r"estimad[oa]|hola|car[oa]|gentile|beste|kære|hej|hei|drogi|droga|szanown[ay]|olá|prezad[oa]))[ \t]+"
    # (or a name in a script without capitals: 'Dear 山田太郎,', 'Dear 김민수,'; or in another script,
    # 'Dear Иван Петров,', 'Dear জগদীশ ঠাকুর,': world_text --formats mail --locales scripts)
    # (a Latin name of up to four words with particles, the particle last as a register sorts it:
    # 'Dear Susana Dussen van,', 'Dear Thijn Coreth von und zu Coredo und Starkenberg,' stood,
    # world_text --formats mail seed 108)
    rf"(?P<name>{_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+){{0,3}}{_WORD}){{0,3}}(?:[ \t]+(?:van|von|de)(?:[ \t]+(?:der|den|de))?)?|[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3々]{{2,8}}"
    rf"(?:[ \t　][\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3々]{{1,6}})?|"
    # (a family name of one character and a given name, spaced: 'Dear 林 翼,')
    # (up to four words in another script: 'Dear محمد مهدی رضا زاده,' stood, world_text --locales scripts
    # seed 117)
    rf"[\u3400-\u9fff\uac00-\ud7a3][ \t　][\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3々]{{1,6}}|{OTHER_SCRIPT_NAME_WORD}(?:[ \t]+{OTHER_SCRIPT_NAME_WORD}){{0,3}})"
    rf"[ \t]*(?=[,，!！:\n])")
_GREETING_GATE = lazy(r"(?i)\b(?:dear|hi|hello|hey|hallo|lieber?|geehrte|ch[eè]re?|bonjour|estimad|hola|car[oa]|"
                            r"gentile|beste|kære|hej|hei|drog[ia]|szanown|olá|prezad)\b")
_NOT_GREETED = frozenset(
    "customer customers client clients sir sirs madam madame sir/madam team all friend friends colleague colleagues "
    "valued user users shopper buyer everyone everybody there world support kunde kundin kunden damen herren "
    "monsieur mesdames messieurs cliente clientes señor señora signore signora klant klanten member members "
    "partner partners guest guests seller sellers "
    "客户 用户 顾客 大家 大家好 各位 朋友 亲 亲们 亲爱的 买家 会员 先生 女士 老师 客户您好 お客様 皆様 皆さん "
    "고객님 고객 여러분 회원님".split())


# the attention anchors (a department is written after them as often as a person)
_ATTENTION = frozenset(("ATT", "ATT.", "ATTN", "ATTN.", "ATTENTION", "Z.HD", "Z.HD.", "A/A", "T.A.V", "T.A.V."))
# departments and desks written after an attention anchor (they were masked as a name; found by hand)
_DEPARTMENTS = frozenset(
    "kundservice kundeservice kundenservice kundendienst kundtjänst asiakaspalvelu klantenservice servicio "
    "customer service support helpdesk help desk accounts payable receivable billing invoicing finance "
    "purchasing procurement returns return department dept warehouse shipping receiving logistics sales "
    "reception empfang wareneingang buchhaltung einkauf versand lager retouren abteilung afdeling avdeling "
    "avdelning ekonomi inköp inkoop boekhouding administratie administration magazzino amministrazione "
    "ufficio acquisti contabilidad compras almacén almacen devoluciones comptabilité achats magasin "
    "hr it legal team office desk".split())
_NOT_SIGNED = frozenset("team store shop inc ltd llc gmbh co company corp department dept logistics courier express".split())
# words that address a group before a group word ('Dear Valued Customer', 'Hi All Sellers')
_ADDRESSED = frozenset("valued dear loyal esteemed beloved new all our my the your sehr geehrte geehrter liebe lieber "
                       "cher chère chers chères querido querida estimado estimada caro cara gentile beste kære".split())
# words that name no person when every word of a greeting or signature is one of them ('Front Desk',
# 'Sales'), and are surnames beside a name ('Carin Ring', 'Vitória Sales' stood under 'Thanks,',
# world_text --formats mail seeds 95 and 100)
_ALONE_NO_PERSON = _NOT_CONTACT | {"sales"}


def _names_no_person(words: list[str]) -> bool:
    """Whether words after a greeting or under a closing name no person: one of them names a group
    or a service ('Customer Service', 'The Shop Team', 'Dear Valued Customer'), or every one is a
    contact word ('Front Desk', 'Call Center'). A contact word beside a name is a surname: 'Carin
    Ring', 'Kimberley Lane', 'Us Gülen' stood (world_text --formats mail seed 95)."""
    low = [w.lower().strip(".,") for w in words]
    if not low:
        return True
    # a group word names no person when it leads ('Customer Service', 'Seller Central'), when the
    # words end in a company's or team's word ('The Shop Team', 'Acme Logistics'), or when every word
    # is such a word or an adjective of address ('Valued Customer', 'Dear Sellers'); after a given
    # name it is a surname ('Dear David Sellers,' stood: world_text --formats mail seed 102)
    return low[0] in _NOT_GREETED or low[0] in _NOT_SIGNED or low[-1] in _NOT_SIGNED \
        or all(w in _NOT_GREETED or w in _NOT_SIGNED or w in _ALONE_NO_PERSON or w in _ADDRESSED for w in low)


def signed_name(text: str) -> bool:
    """Whether a line under a closing is a person's name rather than a team's ('Customer Service',
    'The Shop Team')."""
    return not _names_no_person(text.split())


def greeted(text: str, ctx: Context) -> list[Finding]:
    """A name after a greeting at a message's start (a title after the greeting is ``titled``'s);
    in free text only (a note, a line, a record: no column holds a greeting)."""
    if ctx.hint is not None or _GREETING_GATE.search(text) is None:
        return []
    out = []
    for m in _GREETING.finditer(text):
        name = m.group("name").rstrip(".-")
        words = name.split()
        if _names_no_person(words) or any(_TITLE_WORD.fullmatch(w) for w in words) or _NOT_NAME.match(name):
            continue
        s = m.start("name")
        # (a Chinese, Japanese or Korean name is masked as one: its family name kept, not initials)
        latin = _CJK_NAME.search(name) is None
        out.append(Finding(EntityType.NAME, s, s + len(name), name, 0.75, "name_en.greeting",
                           meta=(("latin", True),) if latin else (), role=ctx.role))
    return out


_CJK_NAME = lazy(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]")


# a possessive name before a phone's word ("Maria's number is 612 345 678" stood; found by hand)
_POSSESSIVE_PHONE = lazy(rf"(?<![^\W\d_])(?P<name>{_WORD})['’]s[ \t]+(?:(?:mobile|cell|home|work|new|other)[ \t]+)?"
                               r"(?i:phone|number|no\.|cell|mobile|tel|telephone|whatsapp|contact|handy|nummer|numéro)(?![^\W\d_])")


# a Turkish name before its honorific ('kapıcı Hasan Bey'e bırakın', 'Ayşe Hanım'; the honorific
# follows the name, and a case ending may follow it: found by hand, the name stood)
_TR_HONORIFIC = lazy(rf"(?<![^\W\d_])(?P<name>{NAME_WORD})[ \t]+"
                           r"(?:Bey|Hanım|Beyefendi|Hanımefendi|Bay|Bayan)(?:['’][a-zçğıöşü]+)?(?![^\W\d_'’])")


def _tr_honorific(text: str, ctx: Context) -> list[Finding]:
    out = []
    if "Bey" in text or "Hanım" in text or "Bay" in text:
        for m in _TR_HONORIFIC.finditer(text):
            words = m.group("name").split()
            while words and not _given_word(words[0]):
                words.pop(0)
            if words:
                a = text.index(words[0], m.start("name"))
                out.append(Finding(EntityType.NAME, a, m.end("name"), text[a:m.end("name")], 0.75, "name_en.title",
                                   meta=(("latin", True),), role=ctx.role))
    return out


def _possessive(text: str, ctx: Context) -> list[Finding]:
    out = []
    if "'s " in text or "’s " in text:
        for m in _POSSESSIVE_PHONE.finditer(text):
            if _given_word(m.group("name")) and not _KIN_FIRST.fullmatch(m.group("name")):
                out.append(Finding(EntityType.NAME, m.start("name"), m.end("name"), m.group("name"), 0.75,
                                   "name_en.possessive", meta=(("latin", True),), role=ctx.role))
    return out


# a name given in words that say it is one, phone or not ('deliver to the guy at the bakery, his name
# is Marco', 'Hi it's Priyanka again, pls leave with Raj', 'je m'appelle Camille'): found by hand,
# each stood (the introductions of ``_INTRO_BEFORE`` name someone only beside a phone)
_INTRO_PHRASES = (
    # (and 'the name is', "the recipient's name is": 'the name is Lee Chang' stood; found by hand)
    # ('file name is' names no one: a bare 'name is' starts its sentence or field)
    r"(?:(?:my|his|her|their|your|our|the)[ \t]+(?:{owner}['’]s[ \t]+)?|(?:{owner})['’]s[ \t]+|(?<![^\W\d_][ \t]))"
    r"name[ \t]+(?:is|was|will[ \t]+be|should[ \t]+be)|name['’]s|"
    r"i['’]m[ \t]+called|is[ \t]+called|goes[ \t]+by|ich[ \t]+heiße|ich[ \t]+heisse|er[ \t]+heißt|sie[ \t]+heißt|"
    r"je[ \t]+m['’]appelle|il[ \t]+s['’]appelle|elle[ \t]+s['’]appelle|me[ \t]+llamo|se[ \t]+llama|mi[ \t]+chiamo|"
    r"si[ \t]+chiama|ik[ \t]+heet|hij[ \t]+heet|zij[ \t]+heet|nazywam[ \t]+się|nazywa[ \t]+się|jmenuji[ \t]+se|"
    r"jmenuje[ \t]+se|jag[ \t]+heter|han[ \t]+heter|hon[ \t]+heter|jeg[ \t]+hedder|jeg[ \t]+heter|adım|adı|"
    r"meu[ \t]+nome[ \t]+é|chamo-me|me[ \t]+chamo").replace(
    "{owner}", "guy|man|lady|woman|recipient|receiver|customer|buyer|consignee|addressee")
# (the same introductions before a name typed in lower case: 'my name is sarah connor and i live at
# ...' stood; found by hand)
_NAMED_INTRO_LOWER = lazy(rf"(?<![^\W\d_])(?i:{_INTRO_PHRASES})[ \t]*:?[ \t]+"
                          rf"(?P<name>{LOWER_WORD}(?:[ \t]+{LOWER_WORD}){{0,2}})")
_NAMED_INTRO = lazy(
    r"(?:(?<![^\W\d_])(?i:" + _INTRO_PHRASES + r")[ \t]*:?[ \t]+(?P<name>{w}(?:[ \t]+{w}){{0,2}})"
    # (and 'I'm Tom from apt 4B': the name stood; found by hand)
    r"|(?<![^\W\d_])(?i:it['’]s|it[ \t]+is|this[ \t]+is|i['’]m|i[ \t]+am)[ \t]+(?P<again>{w})(?=[ \t,]+(?i:again|here|speaking|from)(?![^\W\d_])))"
    .format(w=_WORD))
# (what every form holds, looked for at C level: 'is ' in 'his name is', 'it is', 'is called'; an
# apostrophe's 's' in "name's", "it's"; the verbs of the other languages)
# what follows 'I'm' that is no name ('I'm Home from 6pm', 'I'm Happy here')
_STATES_AFTER_IM = frozenset("happy glad sorry here there out away back home late early busy available "
                             "not in at on off done ready sure fine good new still now just also only so very "
                             "free outside inside upstairs downstairs next".split())
_NAMED_GATE_WORDS = ("is ", "'s", "’s", "'m ", "’m ", "i am ", "I am ", "called", "goes", "heiß", "heiss", "appel", "llam", "chiam", "heet", "nazyw",
                     "jmenu", "heter", "hedder", "adı", "nome", "chamo")


def _named_intro(text: str, ctx: Context) -> list[Finding]:
    out = []
    if ctx.hint is not None or not any(w in text for w in _NAMED_GATE_WORDS):
        return out
    for m in _NAMED_INTRO.finditer(text):
        key = "name" if m.group("name") else "again"
        words = _capitalised_run(m.group(key)).split()
        while len(words) > 1 and not _given_word(words[-1].rstrip(".,")):
            words.pop()
        if not words or not _given_word(words[0].rstrip(".,")) or _KIN_FIRST.fullmatch(words[0]) \
                or words[0].lower().rstrip(".,") in _NOTE_END_WORDS \
                or key == "again" and words[0].lower() in _STATES_AFTER_IM:
            continue
        name = " ".join(words).rstrip(".,")
        s0 = m.start(key)
        out.append(Finding(EntityType.NAME, s0, s0 + len(name), name, 0.75, "name_en.intro",
                           meta=(("latin", True),), role=ctx.role))
    for m in _NAMED_INTRO_LOWER.finditer(text):
        span = _lower_span(m)
        if span is None or any(f.start < m.end() and m.start("name") < f.end for f in out):
            continue
        s0, e = span
        out.append(Finding(EntityType.NAME, s0, e, text[s0:e], 0.7, "name_en.intro", meta=(("latin", True),),
                           role=ctx.role))
    return out


def _before_sentence(name: str) -> str:
    """``name`` up to a word of 3+ letters that ends a sentence ('Ship to: Amanda Stevens. Questions?
    ...' masked 'Questions'; found by hand); initials and abbreviations ('J.', 'St.', 'Jr.') go on."""
    words = name.split()
    for k, w in enumerate(words[:-1]):
        if w.endswith(".") and len(w) >= 4 and w[:-1].isalpha() and k:
            return name[:name.index(w) + len(w) - 1]
    return name


_STREET_REST = lazy(r"(?:[ \t]+[^\W\d_][\w'’.\-]*){1,5}[ \t]+\d{1,4}(?!\d)")


def _before_street(text: str, ns: int, name: str) -> str:
    """``name`` up to a street type that starts a street after it ('deliver to maria garcia calle
    mayor 5 del 3B madrid' took the street's name into the name, and its number and floor stood;
    found by hand): a type written before the name, a word or more, then a house number."""
    from .address_eu import street_type_first
    words = name.split()
    if len(words) < 2:
        return name
    pos = 0
    for k, w in enumerate(words):
        pos = name.index(w, pos)
        if k and street_type_first(w) and _STREET_REST.match(text, ns + pos + len(w)):
            return name[:pos].rstrip()
        pos += len(w)
    return name


_HOUSE_NUMBER_NEXT = lazy(r"[ \t]*,?[ \t]*\d{1,4}[A-Za-z]?(?![\d])")


def _street_slash(name: str, text: str, end: int) -> bool:
    """Whether the words after a slash are a street: a street type first, or a house number after
    them ('Destinatário: Kyara Pires / R. Anjos, 71, 5388-286 Lagoa': world_text seed 126)."""
    from .address_eu import street_type_word
    return street_type_word(name.split()[0]) or _HOUSE_NUMBER_NEXT.match(text, end) is not None


_NUMBER_NEXT = lazy(r"\.?[ \t]*\d")
# a second name after a slash, two to four capitalised words that end the field
_SLASH_NAME = lazy(rf"[ \t]*/[ \t]*(?P<name>{_WORD}(?:[ \t]+{_WORD}){{1,3}})(?![^\W\d_])"
                         rf"(?=[ \t]*(?:$|[\n;|/(,]|[ \t]+(?:\d|\+)))")
_AND_NAME = lazy(rf"[ \t]*(?:&|\+|and|und|et|y|e|og|och|en|i|ve)[ \t]+(?P<name>{_WORD}(?:[ \t]+{_WORD}){{0,2}})(?![^\W\d_])")
# a family by its surname and the word after it ('Deliver to: The Smith Family', 'the Nguyen
# household' stood; found by hand)
_FAMILY_AFTER = lazy(rf"(?<![^\W\d_])(?P<name>{_WORD}(?:[ \t]+{_WORD})?)[ \t]+(?:[Ff]amily|FAMILY|[Hh]ousehold|HOUSEHOLD|[Rr]esidence)(?![^\W\d_])")


def _family(text: str, ctx: Context) -> list[Finding]:
    out = []
    if "amily" in text or "AMILY" in text or "ousehold" in text or "OUSEHOLD" in text or "esidence" in text:
        for m in _FAMILY_AFTER.finditer(text):
            words = m.group("name").split()
            while words and (words[0].lower() in ("the", "die", "der", "la", "le") or not _given_word(words[0])):
                words.pop(0)
            if not words or _NOTE_END_WORDS.intersection(w.lower() for w in words):
                continue
            a = m.end("name") - len(" ".join(words))
            out.append(Finding(EntityType.NAME, a, m.end("name"), text[a:m.end("name")], 0.75, "name_en.family",
                               meta=(("latin", True),), role=ctx.role))
    return out


_GUEST_THINGS = frozenset("house houses room rooms list book suite suites wifi wi-fi parking pass services service relations "
                          "lounge entrance wing bathroom toilet apartment cottage star stars".split())


# who will take the parcel, named as a sentence's subject ('Kay Thompson will collect it from
# reception', 'Maria can sign for it', 'Dorota z 5 piętra odbierze paczkę', 'Klaus Meier holt das Paket
# ab', 'Marie Dupont viendra le chercher': each stood; found by hand): one to three capitalised words
# at a sentence's start, then a verb of collecting, signing or receiving (or a modal before one)
_SUBJECT_VERBS = (r"(?:will|can|may|should|must|could|would|is[ \t]+going[ \t]+to|'ll)[ \t]+(?:\w+[ \t]+)?"
                  r"(?:collect|pick|sign|receive|take|accept|get|grab|fetch|come|be[ \t]+(?:home|in|there|around|at))|"
                  r"collects|picks[ \t]+(?:it|them|the)|signs[ \t]+for|is[ \t]+(?:collecting|picking|signing|receiving)|"
                  r"holt|nimmt|wird|kann|unterschreibt|übernimmt|empfängt|"
                  r"viendra|récupérera|prendra|signera|réceptionnera|va[ \t]+(?:récupérer|prendre|signer|passer)|"
                  r"recoger[áa]|firmar[áa]|recibir[áa]|pasar[áa]|va[ \t]+a[ \t]+(?:recoger|firmar|recibir|pasar)|"
                  r"ritirer[àa]|firmer[àa]|ricever[àa]|passer[àa]|"
                  r"odbierze|podpisze|przyjmie|haalt|neemt|tekent|zal[ \t]+(?:het|de|\w+)[ \t]+(?:ophalen|tekenen|aannemen)|"
                  r"vai[ \t]+(?:buscar|receber|assinar|levantar)|ir[áa][ \t]+(?:buscar|receber|assinar)|recolher[áa]|receber[áa]|"
                  r"hämtar|tar[ \t]+emot|henter|tager[ \t]+imod|tar[ \t]+imot")
# (the verbs' first words, read in the lower-cased text in one trie-shaped pass: the case-blind
# alternation itself cost ~12 us a cell)
# (the verbs of taking themselves, not the modals: 'will' and 'can' stand in many notes)
_SUBJECT_GATE = lazy(trie_pattern((
    "collect", "pick", "sign", "receiv", "take", "accept", "get ", "grab", "fetch", "come", "be home", "be in", "be there",
    "be around", "be at", "holt", "nimmt", "wird", "kann", "unterschreibt", "übernimmt", "empfängt", "viendra",
    "récupér", "prendra", "signera", "réceptionnera", "recoger", "firmar", "recibir", "pasar", "ritirer", "firmer",
    "ricever", "passer", "odbierze", "podpisze", "przyjmie", "haalt", "neemt", "tekent", "ophalen", "aannemen",
    "buscar", "receber", "assinar", "levantar", "recolher", "hämtar", "tar emot", "henter", "tager imod", "tar imot")))
_SUBJECT = lazy(rf"(?:^|(?<=[.!?;\n])[ \t]*|(?<=[.!?;][ \t]))(?P<name>{_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_WORD}){{0,2}})"
                      rf"(?:[ \t]+(?:z[ \t]+\d{{1,3}}[ \t]+piętra|from[ \t]+(?:flat|apt|unit|no\.?|number)[ \t]+\w+|"
                      rf"\([^()\n]{{1,24}}\)))?[ \t]+(?i:{_SUBJECT_VERBS})(?![^\W\d_])")


def _subject(text: str, ctx: Context) -> list[Finding]:
    if ctx.hint is not None or _SUBJECT_GATE.search(text.lower()) is None:
        return []
    out = []
    for m in _SUBJECT.finditer(text):
        a, name = m.start("name"), m.group("name")
        for w in name.split()[:-1]:
            if w.endswith(".") and len(w) >= 4:  # ('Thanks. Ana will pick it up': the sentence before)
                k = name.index(w) + len(w)
                a, name = a + k + (len(name[k:]) - len(name[k:].lstrip())), name[k:].lstrip()
        words = name.split()
        if not _given_word(words[0]) or _names_no_person(words) or any(w.lower() in _DEPARTMENTS for w in words) \
                or _NOT_NAME.match(name) or any(w.lower() in _SUBJECT_NOT for w in words):
            continue
        out.append(Finding(EntityType.NAME, a, a + len(name), name, 0.7, "name_en.subject",
                           meta=(("latin", True),), role=ctx.role))
    return out


# sentence-initial words before such a verb that name no one
_SUBJECT_NOT = frozenset("someone somebody anyone anybody nobody everyone i we you he she they it this that who "
                         "driver courier postman postwoman mailman neighbour neighbor neighbours reception security "
                         "jemand niemand quelqu'un alguien qualcuno ktoś iemand alguém någon nogen nokon "
                         "sie er es wir ich il elle on nous ils ella él lui lei noi "
                         # (a carrier, a relative's word: 'Royal Mail will collect', 'Mum will be home')
                         "royal mail post evri hermes yodel dpd gls dhl ups fedex usps tnt aramex postnl bpost colissimo "
                         "chronopost correos poste inpost posti postnord bring budbee amazon parcelforce purolator "
                         "mum mom mam dad mama papa mother father wife husband son daughter brother sister grandma grandpa "
                         "nan nana granny gran aunt uncle boss manager landlord landlady tenant caretaker concierge "
                         "mutti vati mutter vater oma opa maman papa mamá papá mamma "
                         "mailroom postroom warehouse office store shop team staff desk depot locker building porter "
                         "doorman janitor admin administration management reception receptionist guard".split())


def detect(text: str, ctx: Context) -> list[Finding]:
    out: list[Finding] = titled(text, ctx) + greeted(text, ctx) + kin_named(text, ctx) + _possessive(text, ctx) \
        + _tr_honorific(text, ctx) + _named_intro(text, ctx) + _family(text, ctx) + _subject(text, ctx)
    if _ASCII_LETTER.search(text, 0, 200) is None:
        return out
    # no anchor word, whatever its case (as (?i) reads them: "İ" as i, "ı" as i, "ſ" as s): no match
    low = text.replace("İ", "i").lower().replace("ı", "i").replace("ſ", "s")
    if _ANCHOR_GATE.search(low) is None:
        return out
    pos = 0
    while (m := ANCHOR_RE.search(text, pos)) is not None:
        # the next anchor is looked for from this one's end, not its name's: a name read across a
        # tab into the next field's label ('first: John\t last: Smith', an XML record's attributes)
        # is cut at its capitalised run below, and the label it ran over is an anchor of its own
        pos = m.end("anchor")
        anchor = re.sub(r"\s+", "", m.group("anchor").upper())
        if anchor in _PART_ANCHORS and not _part_value(text, m):
            continue
        if anchor in _SHORT_ANCHORS and not m.group("colon") and not m.group("qual") and not (
                anchor == "NAME" and _bare_name_label(text, m)):
            continue
        # the anchor must start a line or follow a separator
        s = m.start("anchor")
        if s > 0 and text[s - 1].isalnum():
            continue
        name = m.group("name").rstrip(" .-")
        ns = m.start("name")
        lead = _LEAD_WORDS.match(name)
        if lead is not None:
            # a sentence's words before the name ('For the attention of Mr John Smith', 'Deliver to
            # my colleague, Anna Lee', "à l'attention de M. Jean Martin": 'of', 'my colleague', 'de'
            # were masked as the name): the name is its capitalised words after them, if any
            ns += lead.end()
            rest = name[lead.end():]
            name = _capitalised_run(rest)
            if not name and (anchor in _PHRASE_ANCHORS or anchor in _ATTENTION):
                name = _lower_name(text, ns, rest)  # ("à l'attention de jean dupont, ...")
                if name:
                    out.append(Finding(EntityType.NAME, ns, ns + len(name), name, 0.7, "name_en.anchor",
                                       meta=(("latin", True),), role=_role(m.group("anchor")) or ctx.role))
                continue
            if not name or _KIN_FIRST.match(name):
                continue  # (a relative's word first, a noun in German: the name after it is ``kin_named``'s)
        # titles before the name are no part of it ('z. Hd. Herrn Dr. Klaus Becker' masked 'Herrn'
        # and 'Dr.'; the title rule keeps them too): the name starts after them
        tw = _TITLE_LEAD.match(name)
        if tw is not None and tw.end() < len(name):
            ns += tw.end()
            name = name[tw.end():]
        if anchor in _PHRASE_ANCHORS:
            # a delivery phrase ('Livrer à', 'Leave with'): a name in capitals-first words, the
            # lower-case words after it are the sentence's ('Entregar a María José Fernández en
            # recepción'), and a place or a role is no one ('Hand it to Reception', 'Dejar con el portero')
            low = None if _capitalised_run(name) else _lower_name(text, ns, name)
            if low:
                # a name typed in lower case ('please give to john smith at 14 elm street' stood)
                out.append(Finding(EntityType.NAME, ns, ns + len(low), low, 0.7, "name_en.anchor",
                                   meta=(("latin", True),), role=_role(m.group("anchor")) or ctx.role))
                continue
            name = _capitalised_run(name)
            if not name or name.split()[0].lower().strip(".,") in _NO_ONE_AFTER_PHRASE \
                    or _names_no_person(name.split()):
                continue
        elif name[:1].isupper() and any(w[:1].islower() for w in name.split()[1:]):
            # a name written with capitals ends at the sentence's first lower-case word: 'Empfänger
            # Hans Müller bitte klingeln', 'Alıcı: Mehmet Yılmaz teslim edin' masked the request
            # (the pattern reads case-blind, so that a name typed in lower case is read whole)
            name = _capitalised_run(name) or name
        name = _before_street(text, ns, _before_sentence(name))
        if _NOT_NAME.match(name):
            continue
        if len(name) < 2:
            continue
        if name.split()[-1].lower() in ("no", "nr") and _NUMBER_NEXT.match(text, ns + len(name)):
            continue  # a street and its number, 'Send to: Zhangjiang Road No. 88' (found by hand)
        if anchor.startswith("GUEST") and name.split()[0].lower().strip(".,") in _GUEST_THINGS:
            continue  # ('Guest House Rosa', 'Guest Services': a place or a desk, no guest)
        if anchor in _ATTENTION and (_names_no_person(name.split()) or all(
                w.lower().strip(".,") in _DEPARTMENTS for w in name.split())):
            # a department, no person ('Att: Kundservice', 'Attn: Accounts Payable'); the person
            # may follow it ('Attn: accounts payable, Jane Doe x2231')
            person = _PERSON_AFTER_COMMA.match(text, ns + len(name))
            if person is not None and not _NOT_NAME.match(person.group("name")):
                out.append(Finding(EntityType.NAME, person.start("name"), person.end("name"), person.group("name"),
                                   0.8, "name_en.anchor", meta=(("latin", True),), role=_role(m.group("anchor")) or ctx.role))
            continue
        if all(_ANCHOR_ONLY.fullmatch(w) for w in name.split()):
            # two column headings read as one line ('Afzender Ontvanger' on a PostNL label): the
            # word after the anchor is the other column's anchor, not a name
            continue
        role = _role(m.group("anchor")) or ctx.role
        e = ns + len(name)
        given = _GIVEN_AFTER_COMMA.match(text, e)
        # (two family names before the comma after a label that names a name: 'Name: Garcia Lopez,
        # Maria Jose' left the given names; found by hand)
        # (a surname with its particles is one: 'Recipient - van der Berg, Anneke' left the given name;
        # found by hand)
        real = sum(1 for w in name.split() if w.lower() not in _PARTICLES) if given is not None else 0
        if given is not None and (real == 1 or anchor in _NAME_ANCHORS and real == 2) \
                and not _NOT_NAME.match(given.group("given")):
            # surname first: 'Empfänger: Müller, Hans', 'Ship to: O'Brien, Sean' (the given name stood)
            name = text[ns:given.end("given")]
            e = given.end("given")
        out.append(Finding(EntityType.NAME, ns, e, name, 0.9, "name_en.anchor",
                           meta=(("latin", True),), role=role))
        both = _AND_NAME.match(text, e)
        if both is not None and _given_word(both.group("name").split()[0]) and not _NOT_NAME.match(both.group("name")):
            # a couple after one anchor: 'c/o Maria & Jose Garcia', 'Attn: Anna Lee & Tom Baker' (the
            # second stood; found by hand)
            out.append(Finding(EntityType.NAME, both.start("name"), both.end("name"), both.group("name"), 0.85,
                               "name_en.anchor", meta=(("latin", True),), role=role))
        slash = _SLASH_NAME.match(text, e)
        if slash is not None and not _NOT_NAME.match(slash.group("name")) \
                and not _names_no_person(slash.group("name").split()) \
                and not _street_slash(slash.group("name"), text, slash.end("name")):
            # a company, then its person after a slash: 'CNEE: Acme Ltd / Tom Baker', 'Consignor: Li
            # Ming Trading / Li Ming' (the person stood; found by hand)
            out.append(Finding(EntityType.NAME, slash.start("name"), slash.end("name"), slash.group("name"), 0.8,
                               "name_en.anchor", meta=(("latin", True),), role=role))
        if anchor in ("ATTN", "ATTENTION"):
            # a department, then the person: 'Attn: accounts payable, Jane Doe x2231'
            person = _PERSON_AFTER_COMMA.match(text, e)
            if person is not None and not _NOT_NAME.match(person.group("name")):
                out.append(Finding(EntityType.NAME, person.start("name"), person.end("name"), person.group("name"),
                                   0.8, "name_en.anchor", meta=(("latin", True),), role=role))
    return out


# a given name after a surname and its comma, ending the field ('Müller, Hans', 'O'Brien, Sean
# Patrick'); not a street or a town with a number after it
# (a tab ends a field too: '<name>Müller, Hans</name><street>...' read as tab-separated fields)
# (or a phone, a house number and its street, a spaced dash after it: 'Sender: Brown, Thomas, 07700
# 900123', 'To: Müller, Hans - 0151 ...': the given name stood; found by hand)
# a name's parts as labels: 'first: open the box' is an instruction, 'first: tom,' a field
_PART_ANCHORS = frozenset(("FIRST", "LAST", "GIVEN", "FAMILY", "MIDDLE", "FIRSTNAME", "LASTNAME", "GIVENNAME",
                           "FAMILYNAME", "MIDDLENAME", "FIRST_NAME", "LAST_NAME", "GIVEN_NAME", "FAMILY_NAME",
                           "MIDDLE_NAME", "FIRST-NAME", "LAST-NAME", "FNAME", "F_NAME", "LNAME", "L_NAME", "FORENAME"))
_PART_LOWER = lazy(rf"[ \t]*{LOWER_WORD}(?:[ \t]+{LOWER_WORD})?[ \t]*(?:$|[,;|\t\n])", re.M)


def _part_value(text: str, m: re.Match) -> bool:
    """A name part's label is a field's when its value starts with a capital, or is one or two
    lower-case words that end the field."""
    ns = m.start("name")
    return text[ns:ns + 1].isupper() or _PART_LOWER.match(text, ns) is not None


def _bare_name_label(text: str, m: re.Match) -> bool:
    """'name' with no colon as a field's label: at a line's start or after a separator, before
    two or three capitalised words that end the field ('Recipient phone 415.555.0123, name Lee
    Chang', 'name Lee Chang' stood; found by hand)."""
    before = text[:m.start("anchor")].rstrip(" \t")
    if before and before[-1] not in ",;|(\n":
        return False
    n = _BARE_NAME.match(text, m.start("name"))
    return n is not None and not _NOT_NAME.match(n.group(0)) and not _names_no_person(n.group(0).split())


_BARE_NAME = lazy(rf"(?-i:{_WORD}(?:[ \t]+{_WORD}){{1,2}})(?=[ \t]*(?:$|[\n,;|(]|[ \t]\+?\d))", re.M)
_GIVEN_AFTER_COMMA = lazy(rf",[ \t]+(?P<given>{_WORD}(?:[ \t]+{_WORD})?)(?=[ \t]*(?:$|[\n;|/(]|,[ \t]*[^\d\s])|\t"
                                rf"|[ \t]*,[ \t]*(?:\+|\(\d|\d[\d \-]{{6,}}\d|\d{{1,4}}[a-z]?[ \t]+[A-Z])|[ \t]+[\-–][ \t]"
                                # (a column's gap or a phone's label after it: 'To: Nakamura, Yuki  Tel 090-...'
                                # left the given name; found by hand)
                                rf"|[ \t]{{2,}}\S|[ \t]+(?:Ph|Tel|Tlf|Tfn|Mob|Mobile|Phone|Fax|Cell|Telefon|Tél)\b"
                                # (or 'at' and the address: 'Deliver to Smith, John at 12 Main St' left John;
                                # found by hand, 2026-12-07)
                                rf"|[ \t]+(?:at|@|c/o)[ \t]+\S)")
_NAME_ANCHORS = frozenset(("NAME", "NAME:", "FULLNAME", "NOMBRE", "NOM", "NOME", "NAAM", "NAMN", "NAVN", "NIMI"))
# a person's name in a field after the one an attention line names
_PERSON_AFTER_COMMA = lazy(rf",[ \t]+(?P<name>{_WORD}(?:[ \t]+{_WORD}){{1,2}})(?![^\W\d_])"
                                 rf"(?=[ \t]*(?:$|[\n;|/(,])|[ \t]+(?:x\d|ext|\d|\+))")


# a note that ends with a name after its comma: the person who signs it or takes the parcel ('Leave
# with neighbour, Sarah Jenkins', 'Kapıya bırakın, Ayşe Yılmaz', 'Bitte beim Nachbarn abgeben, Klaus
# Müller', 'Leave at door, Sarah'), or the name that starts the clause after the comma ('Thanks for
# the parcel, Anna Schmidt will pick it up'): found by hand, every one stood. The text before the
# comma must be prose (a lower-case word of 3+ letters that is no street's word), so that a street
# and its town ('rue de la Paix, Paris' is the street detectors') or a surname first ('Müller, Hans'
# is the anchor's) are not read so.
_CLAUSE_VERBS = (r"will|would|is|was|can|could|may|might|should|must|has|had|needs|lives|works|signs|collects|picks|"
                 r"gets|takes|knows|wird|kann|ist|holt|nimmt|wohnt|est|va|peut|vient|es|va|puede|recoge|vive|è|"
                 r"può|ritira|vive|zal|kan|haalt|woont|jest|może|odbierze|är|kommer|hämtar|er|vil|henter|on|"
                 r"alır|alacak|gelecek|pode|vai|recebe|mora")
_NOTE_TAIL = lazy(
    rf",[ \t]+(?P<name>{_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+){{0,2}}{_WORD}){{0,2}}?)"
    rf"(?:[ \t]*[.!]*[ \t]*(?=\r?\n|$)|[ \t]+(?P<verb>(?:{_CLAUSE_VERBS})(?![^\W\d_])))")
_PROSE_WORD = lazy(r"(?<![^\W\d_])[a-zß-öø-ÿ\u0101-\u017f]{3,}(?![^\W\d_'’.])")
# lower-case words of 3+ letters that a street or a town line holds (no proof of prose before a comma)
_STREET_LOWER = frozenset("rue via calle avenida avenue route chemin allée allee impasse place quai rua travessa "
                          "largo viale vicolo piazza corso strada carrer passeig paseo camino plaza ulica ul. aleja "
                          "gatan gate vej vei tie katu sokak sokağı caddesi cad mahallesi mah straße strasse weg gasse "
                          "platz laan straat gracht kade plein des del della dei degli los las les das dos der den "
                          "het van von bis und sur sous lès près aan bij the and".split())
# capitalised words that end a note and name no one: a place of the house, a word of handling or of
# time, a greeting ('Leave at reception, Main Building', 'Bitte klingeln, Hinterhaus', 'Please ring,
# Handle With Care', 'Leave in the Garage, Many Thanks')
_NOTE_END_WORDS = frozenset(
    "building block tower wing floor level basement garage porch lobby entrance gate door doors back front rear "
    "side yard garden shed mailbox letterbox postbox box locker hall stairs stairwell upstairs downstairs inside "
    "outside unit flat apartment house home office shop store reception concierge neighbour neighbours neighbor "
    "neighbors hinterhaus vorderhaus seitenflügel seitenfluegel hof hinterhof keller garten briefkasten paketbox "
    "packstation packshop treppenhaus eingang haustür haustuer tür tuer terrasse balkon carport schuppen "
    "handle care many fragile urgent asap thanks ok okay danke merci today tomorrow tonight morning afternoon "
    "evening weekend heute morgen abends demain mañana manana domani vandaag morgon idag yarın yarin bugün bugun "
    "hoje amanhã amanha dziś dzis jutro please bitte porfavor grazie gracias cheers bye "
    # (a carrier or a shop that ends a note: 'Leave at the back door, Amazon')
    "amazon ebay dhl ups fedex usps dpd gls hermes evri yodel inpost postnl bpost posten correos colissimo "
    "chronopost zalando etsy shopify aliexpress temu shein ikea otto".split())


# who a note's parcel or ring is for, its last words ('Ring 3x for Joe', 'Parcel for Anna Lee'; found
# by hand, the name stood); a feast or an occasion is no one ('Ready for Christmas')
_FOR_TAIL = lazy(rf"(?<![^\W\d_])(?i:for|für|pour|para|per|voor|till|dla|için|pra)[ \t]+"
                       rf"(?P<name>{_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+){{0,2}}{_WORD})?)[ \t]*[.!]*[ \t]*(?=\r?\n|$)")
FOR_GATE = lazy(r"(?i:for|für|pour|para|per|voor|till|dla|için|pra)[ \t]")
_OCCASIONS = frozenset("christmas xmas easter halloween thanksgiving ramadan eid diwali hanukkah weihnachten ostern "
                       "noël noel pâques paques navidad pascua natale pasqua kerstmis pasen sinterklaas jul påsk "
                       "everything everyone everybody anything all nothing now later sure real me you us them".split())


# a text with none of these (lower case) has no name for ``signed_note`` to read, but after a comma
TAIL_GATE = lazy(trie_pattern(tuple(sorted(THANKS | {"for", "für", "pour", "para", "per", "voor", "till", "dla",
                                                           "için", "pra"}))))
_THANKS_GATE = lazy(trie_pattern(tuple(sorted(THANKS - {"best", "love"}))))
_LETTERS = lazy(r"(?<![^\W\d_])[^\W\d_]+")
_THANKS_TAIL = lazy(rf"(?<![^\W\d_])(?P<w>[^\W\d_]+)[,!.:]?[ \t]+(?P<name>{_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+){{0,2}}{_WORD}){{0,3}}?)"
                          rf"[ \t]*[.!]?[ \t]*(?=\r?\n|$)")


def _unit_after(text: str, c: int, end: int, found) -> bool:
    """Whether what follows the comma at ``c`` to ``end`` is an address finding (a flat, a floor)."""
    rest = text[c + 1:end].rstrip(" \t.")
    a = c + 1 + (len(rest) - len(rest.lstrip()))
    b = c + 1 + len(rest)
    return a < b and any(f.type is EntityType.ADDRESS and f.start <= a and f.end >= b - 1 for f in found)


def signed_note(text: str, found, ctx: Context) -> list[Finding]:
    """A name after the last comma of a note's line (``_NOTE_TAIL``), not where a finding is."""
    out: list[Finding] = []
    pos = 0
    n = len(text)
    thanks = _THANKS_GATE.search(text.lower()) is not None
    fors = FOR_GATE.search(text) is not None
    while pos < n:
        end = text.find("\n", pos)
        end = n if end < 0 else end
        c = text.rfind(",", pos, end)
        if c >= 0:
            m = _NOTE_TAIL.match(text, c, end)
            if m is None and c > pos:
                # (a clause after an earlier comma: 'Thanks, Anna Schmidt will pick it up, ring twice')
                c2 = text.find(",", pos, c)
                while m is None and 0 <= c2 < c:
                    m = _NOTE_TAIL.match(text, c2, end)
                    if m is not None and not m.group("verb"):
                        m = None
                    c2 = text.find(",", c2 + 1, c)
            if m is None and c > pos and _unit_after(text, c, end, found):
                # (the name before a unit the last comma leads to: 'Levering hos naboen, Jens Hansen,
                # 2. sal' stood; found by hand)
                c3 = text.rfind(",", pos, c)
                if c3 >= 0:
                    m = _NOTE_TAIL.match(text, c3, c)
            if m is not None:
                got = _note_name(text, pos, m, found, ctx)
                if got is not None:
                    out.append(got)
        m = None
        for w in _LETTERS.finditer(text, max(pos, end - 80), end) if thanks else ():
            low = w.group().lower()
            if low in THANKS and low not in ("best", "love"):
                m = _THANKS_TAIL.match(text, w.start(), end)
                if m is not None:
                    break
        if m is not None:
            # a closing and the name on one line ('Leave by the bin. Regards Siobhán Ní Bhriain'
            # stood; found by hand)
            words = m.group("name").split()
            if _given_word(words[0]) and not _names_no_person(words) \
                    and not any(f.start < m.end("name") and m.start("name") < f.end for f in found):
                out.append(Finding(EntityType.NAME, m.start("name"), m.end("name"), m.group("name"), 0.6,
                                   "name_en.signed_note", meta=(("latin", True),), role=ctx.role))
        if fors and FOR_GATE.search(text, max(pos, end - 60), end) is not None:
            m = _FOR_TAIL.search(text, max(pos, end - 60), end)
            if m is not None and not any(w.lower() in _OCCASIONS for w in m.group("name").split()):
                got = _note_name(text, pos, m, found, ctx)
                if got is not None and not any(o.start == got.start for o in out):
                    out.append(got)
        pos = end + 1
    return out


def _note_name(text: str, line: int, m: re.Match, found, ctx: Context) -> Finding | None:
    c = m.start() if text[m.start()] == "," else m.start("name")
    if not any(w.group().lower() not in _STREET_LOWER for w in _PROSE_WORD.finditer(text, line, c)):
        return None
    words = [w.rstrip(".") for w in m.group("name").split()]
    names = [w for w in words if w.lower() not in _PARTICLE_WORDS]
    if not names or any(not _given_word(w) or w.lower() in _NOTE_END_WORDS or _KIN_FIRST.fullmatch(w)
                        for w in names):
        return None
    s = m.start("name")
    e = s + len(m.group("name").rstrip("."))
    for f in found:
        if f.start < e and s < f.end:
            return None  # (a finding of its own there: a town, a street, a name already)
        if f.type is EntityType.ADDRESS and 0 <= c - f.end <= 2:
            return None  # (a street before the comma: what follows is its town)
    return Finding(EntityType.NAME, s, e, text[s:e], 0.6, "name_en.signed_note", meta=(("latin", True),),
                   role=ctx.role)


# a Latin-script (pinyin, foreign) name after a Chinese field label: "收件人：Li Wei", "寄件人 Wang Xiaoming"
# (or in lower-case pinyin before a phone, a separator or the end: '收件人 zhang wei 13812345678')
CJK_ANCHOR_RE = lazy(
    rf"(?P<anchor>收件人|收货人|寄件人|发件人|联系人|签收人|收件|寄件|姓名|客户)(?:姓名|名字|名称)?(?:拼音)?[ \t]*[:：]?[ \t]*(?:\r?\n[ \t]*)?"
    # (a lower-case name may end at the next Chinese label: '姓名：wang wei 电话：...' stood)
    rf"(?P<name>{_NAME}|[a-z]{{1,12}}(?:[ \t]+[a-z]{{1,12}}){{1,2}}(?=[ \t]*(?:\d|\+|$|[,，;；|/（(]|[\u4e00-\u9fff])))"
)
CJK_ANCHOR_GATE = lazy(r"收件|收货|寄件|发件|联系人|签收人|姓名|客户")


def detect_cjk_anchor(text: str, ctx: Context) -> list[Finding]:
    """Latin names after a Chinese label, in a text that holds Chinese (``detect`` reads only
    texts without it)."""
    out: list[Finding] = greeted(text, ctx)  # ('Dear 山田太郎,')
    if not CJK_ANCHOR_GATE.search(text):
        return out
    for m in CJK_ANCHOR_RE.finditer(text):
        name = m.group("name").rstrip(" .-")
        if len(name) < 2 or _NOT_NAME.match(name):
            continue
        if name.islower() and any(w in _NOT_CONTACT or w in _NOT_LOWER_NAME for w in name.split()):
            continue  # '收件人 please call 138...': words, not a name in pinyin
        det = "name_en.cjk_anchor"
        if " " not in name and not re.search(r"[:：]", text[m.end("anchor"):m.start("name")]) \
                and re.match(r"[ \t]*[:：]", text[m.start("name") + len(name):]):
            # one word between the label and its colon: masked, but on a re-read no proof of a
            # name ("收件人 Hig : ...", Tesseract's reading of the label's own characters beside a
            # fill, stress labels seed 121000); ``engine.HEURISTIC``
            det = "name_en.cjk_anchor_word"
        a = m.group("anchor")
        role = "sender" if a[0] in "寄发" else "recipient" if a[0] in "收签" else ctx.role
        out.append(Finding(EntityType.NAME, m.start("name"), m.start("name") + len(name), name,
                           0.85, det, meta=(("latin", True),), role=role))
    return out


def detect_cell(text: str, ctx: Context) -> list[Finding]:
    m = NAME_CELL_RE.match(text)
    if not m:
        return []
    s = text.strip()
    i = text.index(s)
    return [Finding(EntityType.NAME, i, i + len(s), s, 0.9, "name_en.column",
                    meta=(("latin", True),), role=ctx.role)]
