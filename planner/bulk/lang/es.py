"""Spanish wording rules."""

from planner.bulk.lang import Phrases

_GREET = (
    r"hola|buenas|buen(?:os)? d[ií]as?|buenas (?:tardes|noches)|querid[oa]s?|estimad[oa]s?"
    r"|saludos|hey|qu[eé] tal"
)

PHRASES = Phrases(
    lang="es",
    greeting=_GREET,
    mass_salutation=(
        r"(?:querid|estimad)[oa]s (?:amig[oa]s y (?:colegas|familia|compañer[oa]s)|contactos"
        r"|clientes|socios|miembros|seguidores|suscriptores)|estimados señores"
        r"|a quien (?:corresponda|pueda interesar)|señoras y señores"
        r"|(?:hola|saludos) a (?:todos )?mis (?:contactos|amigos|seguidores)"
        r"|(?:hola|saludos) a (?:toda )?mi red"
    ),
    group_salutation=(
        r"(?:hola|buenas|buen(?:os)? d[ií]as|saludos|buenas (?:tardes|noches))"
        r"(?: a)? (?:tod[oa]s|todes|chic[oa]s|gente|equipo|amig[oa]s|familia|peña|colegas)"
        r"|(?:querid|estimad)[oa]s (?:amig[oa]s|colegas|compañer[oa]s|tod[oa]s)"
    ),
    mass_body=[
        r"\b(?:escribo|escribiendo|mensaje) a (?:todos )?mis (?:contactos|amigos|seguidores)\b",
        r"\ba tod[oa]s mis (?:contactos|amig[oa]s|seguidores|conexiones)\b",
        r"\ba toda mi red\b",
        r"\beste mensaje (?:lo envío|va|se envía) a\b",
    ],
    crowd=[
        r"\bgracias a tod[oa]s\b",
        r"\ba tod[oa]s (?:los|las) que\b",
        r"\b(?:tod[oa]s )?vosotr[oa]s\b|\bustedes\b",
        r"\bcada uno de (?:vosotros|ustedes)\b",
        r"\b(?:est[eé]is|estáis|estén) tod[oa]s\b",
        r"\bos (?:deseo|agradezco|quiero) a tod[oa]s\b",
        r"\b(?:anunciaros|contaros|deciros|agradeceros|desearos|saludaros|habéis|estáis)\b",
    ],
    pitch=[
        (r"\bingresos? (?:pasivos?|extras?|adicionales|residuales|complementarios)\b", 2),
        (r"\blibertad (?:financiera|econ[oó]mica|de tiempo)\b", 2),
        (r"\b(?:ser|sea|serás|seas) (?:tu|su) propi[oa] jef[ae]\b", 2),
        (r"\b(?:ganar|generar) (?:dinero|ingresos|plata)\b", 2),
        (r"\bdesde (?:casa|tu (?:m[oó]vil|casa|celular|sof[aá]))\b", 1),
        (r"\boportunidad de (?:negocio|inversi[oó]n|ingresos)\b", 2),
        (r"\b(?:no (?:necesitas|se necesita|hace falta|requiere)|sin) experiencia\b", 2),
        (
            r"\b(?:busco|buscamos|estoy buscando) (?:personas|gente|mujeres|emprendedores)"
            r" (?:emprendedoras|motivadas|ambiciosas|con ganas|que quieran)\b",
            2,
        ),
        (r"\bmultinivel\b|\bmlm\b|\bnetwork marketing\b", 2),
        (r"\b(?:cambiado|cambió|cambiar) (?:mi|tu) vida\b", 2),
        (r"\b(?:criptomonedas?|bitcoin|forex|cripto)\b", 2),
        (r"\b(?:rentabilidad|ganancias) garantizadas?\b", 2),
        (r"\bunas (?:pocas )?horas al d[ií]a\b", 1),
        (
            r"\b(?:te cuento m[aá]s|te explico (?:c[oó]mo|todo)|escr[ií]beme y te (?:explico"
            r"|cuento))\b",
            1,
        ),
        (
            r"\b(?:aumentar|incrementar|duplicar|mejorar|multiplicar) (?:sus|tus) (?:ventas"
            r"|ingresos|clientes|facturaci[oó]n|beneficios)\b",
            1,
        ),
        (r"\bempresas como la (?:tuya|suya)\b", 1),
        (r"\b(?:nuestra|mi) (?:plataforma|soluci[oó]n|herramienta|agencia|software)\b", 1),
        (r"\b(?:demo|demostraci[oó]n)\b", 1),
        (r"\b(?:tienes|tiene|tendr[ií]as?) (?:\d+|quince|diez|veinte|cinco) minutos\b", 1),
        (r"\b(?:sesi[oó]n|consulta|auditor[ií]a|prueba) gratuita\b", 1),
        (r"\boferta (?:especial|exclusiva|limitada)\b|\bdescuento\b", 1),
        (r"\bsolo (?:esta semana|este mes|hoy)\b", 1),
        (r"\bconoces a alguien (?:interesad[oa]|que (?:pueda|quiera) estar interesad[oa])\b", 1),
    ],
    offer_of_work=(
        r"\b(?:contrat\w+|buscamos|busco|puesto|vacante|oferta de (?:empleo|trabajo)|equipo"
        r"|proyecto|colaborar|trabajo|rol|presentarte|contacto de)\b"
    ),
    harvest_ask=[
        r"\b(?:p[aá]same|pasarme|env[ií]ame|enviarme|m[aá]ndame|mandarme|dame|darme"
        r"|comp[aá]rteme|compartirme)(?: los| las| tus| sus)? (?:correos|emails|e-mails"
        r"|tel[eé]fonos|n[uú]meros|contactos|datos de contacto|nombres)\b",
    ],
    harvest_data=(
        r"\b(?:correos|emails|e-mails|direcciones(?: de correo)?|tel[eé]fonos|n[uú]meros de"
        r" tel[eé]fono|contactos|datos de contacto|datos|nombres y tel[eé]fonos|whatsapps)\b"
    ),
    harvest_others=(
        r"\b(?:(?:tus|sus) (?:compañer[oa]s|colegas|amig[oa]s|contactos|clientes|conocidos"
        r"|familiares)|compañer[oa]s|colegas|alguien|personas|gente|conocidos|sus|interesad[oa]s)\b"
    ),
    request=(
        r"\?|\b(?:p[aá]same|pasarme|env[ií]ame|enviarme|m[aá]ndame|mandarme|dame|darme"
        r"|podr[ií]as|puedes|me (?:puedes|podr[ií]as)|por favor)\b"
    ),
    harvest_soft=[
        r"\balguien (?:de|en) tu red\b",
        r"\b(?:pres[eé]ntame|presentarme) a (?:gente|personas|tus contactos|alguien de tu red)\b",
        r"\bcomparte (?:esto|este mensaje) con\b",
    ],
    announce=[
        r"\b(?:tengo el placer|me complace|me alegra|estoy (?:feliz|encantad[oa]|emocionad[oa]"
        r"|orgullos[oa]|muy content[oa])) de (?:anunciar|compartir|contar|comunicar)\w*\b",
        r"\bos cuento que\b|\bquer[ií]a contaros\b",
        r"\b(?:gran|grandes|buenas) noticias?\b|\bnovedad(?:es)?\b",
        r"\bnueva etapa\b|\bnuevo (?:reto|cap[ií]tulo|desaf[ií]o|proyecto personal)\b",
        r"\bhe (?:dejado|empezado|comenzado|lanzado|publicado|fundado|abierto|cambiado de"
        r" trabajo)\b",
        r"\bempiezo (?:una|un|mi)\b|\bme (?:uno|incorporo) a\b",
        r"\b(?:tras|despu[eé]s de) \w+ (?:maravillosos |incre[ií]bles )?años\b",
    ],
    stock=[
        r"\bespero que este (?:mensaje|correo) te encuentre bien\b",
        r"\b(?:vi|he visto) tu perfil\b|\bme gustar[ií]a (?:añadirte|agregarte|conectar)\b",
        r"\bme encantar[ií]a conectar\b",
    ],
    shared=[
        r"\b(?:me )?(?:contaste|dijiste|comentaste|mencionaste|recomendaste|enseñaste"
        r"|mandaste|prestaste|regalaste|ayudaste)\b",
        r"\bnos (?:vimos|conocimos)\b",
        r"\b(?:lo que|como|de lo que|cuando) (?:hablamos|comentamos|quedamos)\b"
        r"|\b(?:estuvimos|fuimos|trabajamos|estudiamos) (?:en|a|juntos|juntas)\b"
        r"|\bhicimos juntas?\b",
        r"\bte acuerdas\b|\brecuerdas (?:cuando|el|la|aquel)\b",
        r"\b(?:tu|vuestra) (?:charla|boda|mudanza|viaje|hija|hijo|madre|padre|abuela|abuelo"
        r"|perro|casa|piso|examen|proyecto|tesis|marat[oó]n|art[ií]culo|libro|furgoneta)\b",
        r"\bgracias por (?:la|el|tu|ayudarme|venir|todo lo)\b",
        r"\bsiento mucho\b|\blo siento\b|\bmi m[aá]s sentido p[eé]same\b",
        r"\bdel que te habl[eé]\b|\bque te (?:cont[eé]|coment[eé])\b",
        r"\bqu[eé] tal (?:el|la|tu)\b|\bc[oó]mo (?:fue|te fue) (?:el|la|tu)\b",
    ],
    occasion=(
        r"\b(?:cumpleaños|cumple|aniversario|jubila\w+|ascenso|boda|nuevo trabajo|graduaci[oó]n"
        r"|felicidades por)\b"
    ),
    vocatives=frozenset(
        [
            "guapa",
            "guapo",
            "tío",
            "tía",
            "amigo",
            "amiga",
            "cariño",
            "querido",
            "querida",
            "chaval",
            "crack",
            "jefe",
            "hermano",
            "hermana",
            "tronco",
            "maja",
            "majo",
            "corazón",
            "amor",
            "chicos",
            "chicas",
        ]
    ),
    titles=frozenset(["sr", "sra", "srta", "señor", "señora", "don", "doña", "dr", "dra"]),
)
