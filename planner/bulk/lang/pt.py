"""Portuguese wording rules (European and Brazilian)."""

from planner.bulk.lang import Phrases

_GREET = r"olá|ola|oi|bom dia|boa tarde|boa noite|querid[oa]s?|car[oa]s?|prezad[oa]s?|e aí|hey"

PHRASES = Phrases(
    lang="pt",
    greeting=_GREET,
    mass_salutation=(
        r"(?:queridos|caros|prezados) (?:amigos e (?:colegas|família)|clientes|contactos"
        r"|contatos|membros|seguidores)|prezados senhores|a quem possa interessar"
        r"|(?:olá|oi) (?:a )?(?:todos os )?meus (?:contactos|contatos|amigos|seguidores)"
        r"|(?:olá|oi) (?:a )?(?:toda a )?minha rede"
    ),
    group_salutation=(
        r"(?:olá|ola|oi|bom dia|boa tarde|boa noite) (?:a todos|a todas|pessoal|gente|malta"
        r"|galera|amigos|equipa|equipe|turma|todos|família)"
        r"|(?:queridos|caros) (?:amigos|amigas|colegas|todos)"
    ),
    mass_body=[
        r"\ba todos os meus (?:contactos|contatos|amigos|seguidores)\b",
        r"\btoda a minha rede\b",
    ],
    crowd=[
        r"\bobrigad[oa] a tod[oa]s\b|\ba tod[oa]s (?:os|as) que\b|\btodos (?:os )?que\b",
        r"\btodos vocês\b|\bcada um de vocês\b",
        r"\bestejam tod[oa]s\b|\bdesejo-vos\b|\bvos desejo\b",
    ],
    pitch=[
        (
            r"\brenda (?:extra|passiva|residual)\b|\brendimentos? (?:extra|passivo)\b"
            r"|\bdinheiro extra\b",
            2,
        ),
        (r"\b(?:liberdade|independência) financeira\b", 2),
        (r"\b(?:seu|teu|sua|o seu) próprio chefe\b", 2),
        (r"\bmarketing (?:de rede|multinível)\b|\bmultinível\b|\bmlm\b", 2),
        (r"\b(?:ganhar|gerar) dinheiro\b", 2),
        (r"\b(?:trabalhar|a trabalhar|trabalhando) (?:a partir )?de casa\b", 1),
        (r"\b(?:não precisa|sem) (?:de )?experiência\b", 2),
        (r"\b(?:procuro|procuramos|estou à procura de) pessoas\b", 2),
        (r"\bcripto\w*\b|\bbitcoin\b|\bforex\b", 2),
        (r"\boportunidade (?:incrível|única|de negócio)\b|\bcomecei do zero\b", 2),
        (r"\b(?:aumentar|duplicar|melhorar) (?:as )?(?:suas|tuas) vendas\b", 1),
        (r"\bempresas como a (?:sua|tua)\b", 1),
        (r"\b(?:nossa|minha) (?:plataforma|solução|agência|ferramenta)\b", 1),
        (r"\bdemonstração\b|\bdemo\b", 1),
        (r"\b(?:tem|tens) (?:\d+|quinze|dez|cinco) minutos\b", 1),
        (r"\b(?:sessão|consulta) gratuita\b", 1),
        (
            r"\bposso (?:te )?explicar\b|\beu (?:te )?mostro\b|\bmostro-te\b|\bposso explicar-te\b",
            1,
        ),
        (r"\boferta (?:especial|exclusiva)\b|\bdesconto\b", 1),
    ],
    offer_of_work=(
        r"\b(?:contratar|contratando|vaga|cargo|função|equipa|equipe|projeto|projecto|trabalho"
        r"|colaborar|emprego)\b"
    ),
    harvest_ask=[
        r"\b(?:envia-me|enviar-me|manda-me|passa-me|dá-me|me (?:envia|manda|passa))"
        r" (?:os )?(?:contactos|contatos|emails|e-mails|telefones|números)\b",
    ],
    harvest_data=(
        r"\b(?:contactos|contatos|emails|e-mails|telefones|números(?: de telefone)?"
        r"|dados de contacto|dados de contato)\b"
    ),
    harvest_others=(
        r"\b(?:(?:dos )?(?:teus|seus) (?:colegas|amigos|contactos|contatos|clientes"
        r"|conhecidos)|colegas|amigos|alguém|pessoas|interessad[oa]s)\b"
    ),
    request=(r"\?|\b(?:envia|enviar|manda|mandar|passa|passar|podes|pode|poderias|por favor)\b"),
    harvest_soft=[r"\balguém (?:da|na) tua rede\b|\balguém (?:da|na) sua rede\b"],
    announce=[
        r"\b(?:tenho o prazer|é com (?:muita |grande )?(?:alegria|satisfação|orgulho)|estou"
        r" (?:muito )?(?:feliz|orgulhos[oa]|entusiasmad[oa]|contente)) (?:de |em |que )?"
        r"(?:anunciar|partilhar|compartilhar|comunicar|que)\b",
        r"\b(?:grande|grandes|boas) (?:notícias?|novidades?)\b|\bnovidades?\b",
        r"\bnovo (?:desafio|capítulo|ciclo|emprego)\b|\bnova (?:etapa|fase|aventura)\b",
        r"\bcomecei (?:um|uma) nov[oa]\b"
        r"|\b(?:abri|lancei|publiquei|fundei) (?:a|o) (?:minha|meu)\b",
        r"\bdepois de \w+ anos\b",
    ],
    stock=[
        r"\bvi o (?:seu|teu) perfil\b",
        r"\bespero que esta mensagem (?:o|a|te) encontre\b",
        r"\bgostaria de (?:adicioná-l[oa]|me conectar|conectar)\b",
    ],
    shared=[
        r"\b(?:me )?(?:contaste|disseste|falaste|mostraste|recomendaste|emprestaste|mandaste"
        r"|ajudaste)\b|\bde que te falei\b",
        r"\b(?:nos )?(?:conhecemos|encontrámos|falámos) (?:em|no|na|sobre)\b"
        r"|\b(?:jogávamos|trabalhámos|estudámos)\b",
        r"\blembras-te\b|\b(?:te )?lembras (?:de|quando)\b",
        r"\b(?:teu|tua|seu|sua) (?:casamento|mudança|viagem|filho|filha|pai|mãe|cão|casa"
        r"|apartamento|exame|projeto|livro|palestra)\b",
        r"\bobrigad[oa] (?:pel[oa]s?|por)\b|\bmeus sentimentos\b|\bmeus pêsames\b"
        r"|\blamento (?:imenso|muito)\b",
        r"\bcomo (?:foi|correu|está a correr|está) (?:o|a)\b|\bsaudades\b",
    ],
    occasion=(
        r"\b(?:aniversário|parabéns|reforma|aposentadoria|promoção|casamento"
        r"|novo (?:emprego|trabalho))\b"
    ),
    vocatives=frozenset(
        ["amigo", "amiga", "querido", "querida", "mano", "mana", "fofa", "fofo", "lindo", "linda"]
    ),
    titles=frozenset(["sr", "sra", "senhor", "senhora", "dr", "dra", "dona"]),
)
