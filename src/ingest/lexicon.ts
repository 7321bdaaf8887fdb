/**
 * Words that attribute speech on OSCE pages, in the languages they are published in (the six OSCE languages and the
 * host-country languages of field operations): verbs of saying, pronouns, honorifics, the words of offices, and the
 * words that end a speaker's apposition. Lower case; matched without regard to case.
 */

/** Verbs (and fixed phrases) of saying, as they appear next to a quotation. Longer phrases first where one contains another. */
export const SAYING_VERBS: readonly string[] = [
  // English
  'according to', 'pointed out', 'went on', 'said', 'says', 'say', 'stated', 'noted', 'notes', 'added', 'adds', 'stressed', 'stresses',
  'emphasized', 'emphasised', 'emphasizes', 'emphasises', 'explained', 'explains', 'declared', 'underlined', 'underlines',
  'remarked', 'concluded', 'commented', 'observed', 'told', 'tells', 'urged', 'announced', 'recalled', 'insisted', 'argued',
  'warned', 'continued', 'acknowledged', 'affirmed', 'highlighted', 'reiterated', 'replied', 'wrote', 'writes', 'agrees',
  'underscored', 'underlined', 'asserted', 'cautioned', 'maintained', 'recalled', 'in the words of',
  // French
  'a déclaré', 'a dit', 'a ajouté', 'a souligné', 'a précisé', 'a estimé', 'a indiqué', 'a affirmé', 'a expliqué', 'a rappelé',
  'a noté', 'a insisté', 'a conclu', 'a déclaré', 'a écrit', 'a témoigné', 'a confié', 'a rappelé', 'raconte', 'écrit', 'témoigne', 'confie', 'explique', 'souligne', 'déclare', 'ajoute', 'précise', 'estime',
  'affirme', 'indique', 'dit', 'selon', 'a poursuivi', 'a assuré', 'a martelé', 'a averti', 'a reconnu', 'poursuit',
  // German
  // an impersonal attribution to a message the sentence before named ("…“, hieß es darin")
  'hieß es', 'heißt es',
  'fügte', 'sagte', 'sagt', 'erklärte', 'erklärt', 'betonte', 'betont', 'ergänzte', 'unterstrich', 'meinte', 'berichtete',
  'so', 'laut', 'hob', 'kündigte', 'warnte', 'mahnte', 'erläuterte', 'bekräftigte', 'versicherte', 'unterstreicht', 'erklärt',
  // Italian
  'ha dichiarato', 'ha detto', 'ha aggiunto', 'ha sottolineato', 'ha affermato', 'ha spiegato', 'dichiara', 'afferma', 'dice',
  'secondo',
  // Spanish
  'afirmó', 'dijo', 'declaró', 'añadió', 'subrayó', 'señaló', 'explicó', 'destacó', 'aseguró', 'según',
  // Russian
  'сказал', 'сказала', 'заявил', 'заявила', 'отметил', 'отметила', 'добавил', 'добавила', 'подчеркнул', 'подчеркнула',
  'пояснил', 'пояснила', 'сообщил', 'сообщила', 'рассказал', 'рассказала', 'говорит', 'говорится', 'считает', 'указал',
  'указала', 'заключил', 'заключила', 'по словам', 'отмечает', 'подчеркивает', 'подчёркивает', 'заявляет', 'добавляет',
  'поясняет', 'уверен', 'уверена', 'признался', 'призналась', 'по ее словам', 'по её словам', 'по его словам',
  // (a body as the subject: "Бюро … отметило", "Міністерство заявило")
  'заявило', 'отметило', 'сообщило', 'подчеркнуло', 'указало', 'зазначило', 'заявило', 'повідомило', 'наголосило',
  // words quoted as what something was called ("назвал школу «примером того, как …»")
  'назвал', 'назвала', 'назвав',
  // Ukrainian
  'сказав', 'сказала', 'заявив', 'заявила', 'зазначив', 'зазначила', 'додав', 'додала', 'підкреслив', 'підкреслила',
  'наголосив', 'наголосила', 'розповів', 'розповіла', 'пояснив', 'пояснила', 'зауважив', 'зауважила', 'повідомив',
  'повідомила', 'відзначив', 'відзначила', 'каже', 'йдеться', 'сказано', 'за словами', 'за її словами', 'за його словами',
  // Serbian (Latin and Cyrillic), Macedonian, Albanian
  'izjavio je', 'izjavila je', 'rekao je', 'rekla je', 'dodao je', 'dodala je', 'istakao je', 'istakla je', 'naglasio je',
  'naglasila je', 'ocenio je', 'ocenila je', 'kazao je', 'kazala je', 'objasnio je', 'objasnila je', 'изјавио је', 'изјавила је', 'рекао је', 'рекла је', 'додао је', 'додала је', 'истакао је', 'истакла је',
  'изјави', 'рече', 'додаде', 'истакна', 'нагласи', 'раскажа', 'посочи', 'порача', 'tha', 'deklaroi', 'shtoi', 'theksoi', 'u shpreh',
  'ka thënë', 'ka deklaruar', 'ka theksuar', 'nënvizoi', 'pohoi', 'shpjegoi', 'vuri në dukje', 'tha se', 'sipas',
  'tregon', 'thotë', 'shton', 'shpjegon',
  // the present tense of feature stories ("…," she recalls), in the page languages
  'recalls', 'remembers', 'admits', 'continues', 'erzählt', 'berichtet', 'ergänzt', 'meint', 'рассказывает', 'объясняет',
  'вспоминает', 'признается', 'признаётся', 'добавляет', 'розповідає', 'пояснює', 'зазначає', 'додає', 'наголошує',
  'говорить', 'згадує', 'kaže', 'objašnjava', 'dodaje', 'ističe', 'priča', 'каже', 'објашњава', 'додаје', 'вели',
  'објаснува', 'додава', 'истакнува', 'se souvient', 'ricorda', 'spiega', 'aggiunge', 'cuenta', 'explica', 'añade',
  // more verbs of saying in the past tense, Slavic forms with their gender
  'confirmed', 'assured', 'suggested', 'summed up', 'appealed', 'напомнил', 'напомнила', 'заметил', 'заметила', 'уточнил',
  'уточнила', 'признал', 'признала', 'призвал', 'призвала', 'констатировал', 'констатировала', 'подытожил', 'подытожила',
  'нагадав', 'нагадала', 'уточнив', 'уточнила', 'закликав', 'закликала', 'визнав', 'визнала', 'підсумував', 'підсумувала',
  'naveo je', 'navela je', 'poručio je', 'poručila je', 'zaključio je', 'zaključila je', 'pojasnio je', 'pojasnila je',
  'navodi', 'smatra', 'навео је', 'навела је', 'поручио је', 'поручила је', 'закључио је', 'закључила је', 'оценио је',
  'оценила је', 'објаснио је', 'објаснила је', 'објасни', 'оцени', 'заклучи', 'кажа', 'a lancé', 'a plaidé', 'a jugé',
  'a observé', 'a relevé', 'a mis en garde', 'a appelé', 'erinnerte', 'forderte', 'resümierte', 'bilanzierte',
  // Italian and Spanish: more verbs of saying and writing
  'ha scritto', 'ha ricordato', 'ha osservato', 'ha precisato', 'ha evidenziato', 'ha rilevato', 'ha concluso',
  'ha annunciato', 'ha ribadito', 'ha avvertito', 'ha insistito', 'escribió', 'recordó', 'advirtió', 'relató', 'indicó',
  'concluyó', 'insistió', 'reiteró', 'precisó', 'sostuvo', 'apuntó', 'agregó',
  // Spanish perfect tense, which Spanish releases write for what was said today ("ha añadido Ferrer"), and more verbs
  'ha dicho', 'ha afirmado', 'ha declarado', 'ha añadido', 'ha subrayado', 'ha señalado', 'ha explicado', 'ha destacado',
  'ha asegurado', 'ha indicado', 'ha recordado', 'ha insistido', 'ha reiterado', 'ha precisado', 'ha advertido',
  'ha concluido', 'ha apuntado', 'ha agregado', 'ha manifestado', 'ha expresado', 'ha escrito', 'ha resaltado',
  'ha enfatizado', 'ha comentado', 'ha sostenido', 'manifestó', 'expresó', 'resaltó', 'enfatizó', 'comentó',
  // Albanian "recalled", "assessed", "warned"; Serbian, Croatian and Bosnian (ijekavian) "reminded", "said"
  'kujtoi', 'vlerësoi', 'paralajmëroi', 'podsjetio je', 'podsjetila je', 'podsetio je', 'podsetila je', 'kazao je',
  'ha commentato', 'ha raccontato', 'ha ammonito', 'racconta', 'sottolinea', 'osserva',
  // German "rief … auf" (called on), followed by what was called for in quotes
  'rief',
  // French pluperfect, Russian and Ukrainian "joked"
  'avait déclaré', 'avait dit', 'avait souligné', 'avait rappelé', 'avait ajouté', 'avait affirmé', 'avait estimé',
  'пошутил', 'пошутила', 'пожартував', 'пожартувала',
  // written words ("– написал Буркхальтер") and words quoted as what something was called or welcomed as ("welcomed
  // the course as “…”", "called the academy “…”")
  'написал', 'написала', 'написав', 'пишет', 'пише', 'welcomed', 'called', 'described', 'qualifié', 'a qualifié', 'a salué',
  // expressed a view ("в письме организаторам выразил уверенность, что «…»")
  'выразил', 'выразила', 'висловив', 'висловила', 'expressed',
];

/** Words of saying that come before the speaker: "according to X", "selon X", "laut X", "по словам X". */
export const ACCORDING_TO = /^(?:according to|selon|laut|según|secondo|по словам|за словами|in the words of|sipas)$/iu;

/** Verbs whose subject follows a particle: "fügte er hinzu", "hob sie hervor", "kündigte er an". */
export const SEPARABLE_PARTICLES = ['hinzu', 'hervor', 'an'];

/** Personal pronouns that stand for a person as the subject of a verb of saying. */
export const PRONOUNS: readonly string[] = [
  'he', 'she', 'il', 'elle', 'er', 'sie', 'lui', 'lei', 'él', 'ella', 'он', 'она', 'він', 'вона', 'on', 'ona', 'он', 'она',
  'тој', 'таа', 'ai', 'ajo',
];

/** Pronouns by the gender of the person they stand for. */
export const FEMININE_PRONOUNS = new Set(['she', 'elle', 'sie', 'lei', 'ella', 'она', 'вона', 'ona', 'таа', 'ajo']);
export const MASCULINE_PRONOUNS = new Set(['he', 'il', 'er', 'lui', 'él', 'он', 'він', 'on', 'тој', 'ai']);

/** French inverted pronouns: "a-t-elle ajouté", "ajoute-t-il", "a-t-il déclaré". */
export const INVERTED_PRONOUN = /-t-(?:il|elle)\b|-(?:il|elle)\b/iu;

/** Honorifics and courtesy titles dropped before a name ("Ambassador Jan Novak" = "Jan Novak"). */
export const HONORIFICS: readonly string[] = [
  'ambassador', 'mr', 'mrs', 'ms', 'dr', 'prof', 'professor', 'sir', 'dame', 'h.e', 'his excellency', 'her excellency',
  'm', 'mme', 'mlle', 'madame', 'monsieur', "l'ambassadeur", "l'ambassadrice", 'ambassadeur', 'ambassadrice',
  'botschafter', 'botschafterin', 'herr', 'frau', 'ambasciatore', "l'ambasciatore", 'ambasciatrice', 'signor', 'signora',
  'embajador', 'embajadora', 'señor', 'señora', 'sr', 'sra', 'посол', 'господин', 'госпожа', 'г-н', 'г-жа',
  'ambasador', 'ambasadorka', 'амбасадор', 'амбасадорот', 'амбасадорка', 'ambasadori', 'ambasadorja',
  // Albanian "Mr", "Mrs" (written "z." and "znj." before a name)
  'z', 'znj', 'zoti', 'zonja', 'zonjës', 'zotit',
];

/**
 * Words of offices and functions (stems, matched at the start or, for German compounds, the end of a word): a word
 * that is one of them belongs to the role before or after a name, never to the name.
 */
export const ROLE_STEMS: readonly string[] = [
  'minister', 'secretary', 'director', 'head', 'chief', 'adviser', 'advisor', 'officer', 'representative', 'commissioner',
  'co-ordinator', 'coordinator', 'chair', 'president', 'prime', 'deputy', 'vice', 'spokes', 'monitor', 'envoy', 'judge',
  'editor', 'professor', 'expert', 'councillor', 'mayor', 'governor', 'general', 'senior', 'special', 'personal',
  'foreign', 'ombudsman', 'prosecutor', 'ambassador', 'member', 'acting', 'executive', 'state', 'federal', 'national',
  'journalist', 'reporter', 'activist', 'lawyer', 'teacher', 'student', 'commander', 'rector', 'researcher', 'analyst',
  'officer', 'official', 'delegate', 'observer', 'ranger', 'herder', 'farmer', 'trainer', 'participant',
  'sekretär', 'direktor', 'leiter', 'botschafter', 'vorsitz', 'beauftragte', 'kommissar', 'präsident', 'amtierend',
  'bundesrat', 'bundesrät', 'kanzler', 'staatssekretär', 'abgeordnete', 'sprecher', 'berater', 'koordinator', 'beobachter',
  'vertreter', 'anwalt', 'anwält', 'bürgermeister', 'referent', 'inspektor', 'inspector', 'polizist', 'lehrer',
  'ministre', 'secrétaire', 'directeur', 'directrice', 'chef', 'présid', 'représentant', 'ambassadeur', 'conseill',
  'министр', 'секретар', 'директор', 'руковод', 'глава', 'посол', 'председател', 'представител', 'советник', 'действующ',
  'генеральн', 'комиссар', 'комісар', 'представник', 'верховн', 'міністр', 'керівник', 'голов', 'радни', 'спостерігач', 'presidente', 'ministro', 'segretario', 'direttore',
  'інспектор', 'инспектор', 'координатор', 'советник', 'радник', 'експерт', 'эксперт', 'journalist', 'новинар', 'novinar', 'журналист',
  'tužil', 'тужил', 'обвинител', 'прокурор', 'шеф', 'savetni', 'саветни', 'sudij', 'судиј', 'судья', 'суддя',
  // Albanian (folded: "përfaqësues" → "perfaqesues"); "shef" is left out, it starts given names ("Shefqet", "Shefik")
  'kreu', 'kryetar', 'drejtor', 'perfaqesues', 'zevendes', 'ministr', 'keshilltar', 'prokuror', 'gjyqtar', 'zyrtar',
  'gazetar', 'deputet', 'kryeminist', 'ekspert',
  // prefects and members of parliament in the page languages
  'prefect', 'prefet', 'prefetto', 'prefekt', 'префект', 'depute', 'депутат', 'parlamentar',
  // occupations of the persons feature stories quote, in Cyrillic, Latin Slavic, French and German
  'редактор', 'професор', 'профессор', 'адвокат', 'юрист', 'правник', 'вчител', 'учител', 'студент', 'активіст', 'активист',
  'заступник', 'заместител', 'член', 'специалист', 'спеціаліст', 'фахів', 'аналитик', 'аналітик', 'волонтер',
  'profesor', 'urednik', 'advokat', 'pravnik', 'nacelnik', 'zamenik', 'zamjenik', 'predsednik', 'predsjednik', 'ministar',
  'gradonacelnik', 'juriste', 'avocat', 'professeur', 'redact', 'enseignant', 'formateur', 'responsable', 'porte-parole',
  'redakteur', 'mitarbeiter', 'capo', 'jefe', 'jefa', 'responsabile', 'direttric', 'portavoce', 'portavoz', 'consiglier',
  'asesor', 'funcionari', 'funzionari',
  // farmers and social workers, whom feature stories quote
  'службени', 'službeni', 'фермер', 'poljoprivred', 'rapporteur', 'berichterstatt', 'докладчик', 'relatore', 'ponente',
  'jurist', 'medienjurist', 'земледел', 'agricult', 'landwirt', 'trabajador', 'lavorat', 'travailleu', 'sozialarbeit',
  // commissioners in the Romance and host languages ("le Haut Commissaire", "Komesari i Lartë")
  'commissaire', 'commissari', 'comisionad', 'komesar', 'комесар',
  // Serbian Cyrillic forms of the Latin stems above ("уредник локалне радио-станице")
  'уредни', 'начелни', 'заменик', 'председни', 'министар', 'градоначелни', 'саветни', 'председавај', 'predsedavaj',
  // occupations feature stories quote: deminers, school methodologists
  'сапер', 'сапёр', 'deminer', 'démineu', 'методист', 'metodist', 'manager', 'менеджер', 'menaxher', 'menadžer', 'менаџер',
  // feminine and Macedonian forms ("советничката", "советница"), treasurers
  'советни', 'treasurer', 'trésori', 'schatzmeister', 'казначе', 'tesorier', 'tesorer',
  // chiefs, spokespersons and mayors in Cyrillic ("начальник учебного центра", "речниця місії", "Градоначалникот на Ресен")
  'начальни', 'речниц', 'речник', 'градоначални', 'мэр',
  // social and other workers ("Социальный работник из Кагула")
  'работни', 'працівни',
  // instructors and agronomists ("Інструкторка з мінної безпеки", "agronomist Olga …")
  'instrukt', 'instruct', 'інструктор', 'инструктор', 'агроном', 'agronom',
  // deputies and assistants in their feminine forms ("заступниця голови …", "pomoćnica ministra …"), observers,
  // engineers, clerks of a court and civil servants ("Zollbeamtin", "greffière adjointe")
  'заступни', 'pomocni', 'помоћни', 'помощни', 'помічни', 'помошни', 'наблюдател', 'инженер', 'інженер', 'engineer',
  'ingenieur', 'ingénieur', 'ingenier', 'ingegner', 'inzenjer', 'инжењер', 'greffi', 'registrar', 'beamt', 'beamtin',
  // prosecutors and their deputies in Italian and Spanish ("sostituta procuratrice", "procurador")
  'procurat', 'procurad', 'sostitut',
  // mayors in Moldova ("Примар Комрата"), teachers ("преподаватель информатики", "викладачка"), Spanish and Italian
  // secretaries ("subsecretaria de Defensa")
  'примар', 'преподавател', 'викладач', 'secretari', 'subsecretari', 'sottosegretari',
  // representatives in Latin Serbian, Croatian and Bosnian ("predstavnica za slobodu medija")
  'predstavni',
];

/** Relative pronouns that stand for a person ("who", "qui", "который", "koji", "i cili"), in the page languages. */
const PERSON_RELATIVES = 'who|qui|lequel|laquelle|lesquels|lesquelles|il\\s+quale|la\\s+quale|quien|quienes|который|которая|которые|який|яка|які|koji|koja|који|која|кој|i\\s+cili|e\\s+cila|të\\s+cilët';

/**
 * Relative pronouns that start a clause after an office ("le Haut Commissaire, qui se rendra …", "Head of the Mission
 * who will visit …"): a role ends where one starts. German and Macedonian pronouns that are also articles or "what"
 * only after a comma.
 */
export const RELATIVE_CLAUSE = new RegExp(`(?:,\\s+(?:der|die|das|што)|,?\\s+(?:${PERSON_RELATIVES}|which|that|dont|où|che|которое|яке|koje|које|që))\\s+\\S[\\s\\S]*$`, 'u');

/**
 * A clause about the person an attribution names ("a déclaré le Haut Commissaire … qui se rendra à Kiev"): cut from
 * the subject. A clause about a thing ("в обращении, которое направил … Действующий председатель") holds the subject.
 */
export const PERSON_CLAUSE = new RegExp(`,?\\s+(?:${PERSON_RELATIVES})\\s+\\S[\\s\\S]*$`, 'u');

/**
 * A State's foreign minister in the page languages, any case form and title ("Minister of Foreign Affairs of Ukraine",
 * "Міністр закордонних і європейських справ", "министра иностранных дел Сербии", "ministre de l'Europe et des
 * Affaires étrangères", "Ministri për Evropën dhe Punët e Jashtme"): a minister's word with, within five words, a
 * word for foreign affairs. In the year that State chairs, its holder speaks as the Chairperson-in-Office.
 */
export const FOREIGN_MINISTER = /(?<![\p{L}])(?:foreign\s+(?:minister|secretary)|(?:глав\p{L}*|голов\p{L}*|head)\s+(?:of\s+the\s+)?(?:МИД|МЗС|MFA)|\p{L}*außenminister\p{L}*|(?:minist\p{L}*|минист\p{L}*|мініст\p{L}*|secretary\s+of\s+state)(?:\s+[\p{L}'’]+){0,5}?\s+(?:foreign|(?:l['’]|des\s+)?affaires\s+étrangères|auswärtig\p{L}*|europäische\s+und\s+internationale|(?:affari\s+)?esteri|exteriores|иностранных|закордонних|spoljnih|inostranih|vanjskih|спољних|иностраних|надворешни|(?:punët|punëve)\s+(?:e|të)\s+jashtme|jashtëm))(?![\p{L}])/iu;

/** Words that end the apposition of a speaker ("…, who opened the workshop"): relative pronouns and participles. */
export const APPOSITION_END = /(?:,\s+(?:who|which|whose|adding|noting|stressing|referring|speaking|qui|dont|der|die|das|den|который|которая|которые|який|яка|які|відкриваючи|открывая|завершая|che|que|koji|koja|кој|која|i cili|e cila|të cilët|të cilat|që|en\s+(?:visite|mission|déplacement|tournée)|de\s+passage|on\s+a\s+(?:visit|trip)|(?:zu|auf)\s+Besuch|с\s+визитом|з\s+візитом|në\s+vizitë|u\s+poseti|у\s+посети|in\s+visita)(?![\p{L}])|,?\s+(?:after|before|during|while|when|at the end|in a|lors|après|avant|nach|während|после|во время|на встрече|dopo|tras|durante|posle|nakon)(?![\p{L}])).*$/isu;

/**
 * Where and when a speaker spoke, after the role in an attribution ("said the Secretary General in a video message
 * to the participants", "sagte die OSZE-Generalsekretärin in einer Videobotschaft", "заявила Верховный комиссар
 * накануне в Гааге"): not part of the role. An event as the occasion ("said X, Head of the Mission, at the
 * ceremony", "сказал Генеральный секретарь на открытии конференции") ends the phrase only when no comma follows it
 * ("In a message read at the launch, the Chairperson-in-Office said:").
 */
export const OCCASION = /,\s+(?:in|im|nella|nel|dans|en)\s+(?:(?:der|dem|den|einer|the|a|its|their|la|le|l['’]|sa|son|leur|ihrer|ihres|seiner|seines)\s+)?(?:\p{Ll}[\p{L}-]*\s+){0,2}(?:Sitzung|Tagung|Debatte|Aussprache|Plenarsitzung|session|meeting|debate|séance|réunion|seduta|sessione|riunione)(?![\p{L}])[^,;]*$|\s+(?:(?:in|at|dans|en|im|nel|nella|у|в|во|u|на|në)\s+(?:(?:a|an|the|his|her|their|its|un|une|son|sa|ses|una|uno|su|sua|suo|einer|seiner|ihrer|einem|seinem|ihrem|своем|своём|своей|своїй|своєму|svom|svojoj|pozdravnom|uvodnom|pisanoj|pismenoj|писаној|писменој|својој|свом|поздравном|уводном|opening|closing|written|një)\s+)*(?:video\p{L}*|message|speech|remarks|address|interview|statement|opening|discours|allocution|rede|ansprache|botschaft|grußwort|erklärung|intervista|discorso|messaggio|mensaje|discurso|відеозверн\p{L}*|звернен\p{L}*|виступ\p{L}*|промов\p{L}*|інтерв\p{L}*|видеообращ\p{L}*|обращени\p{L}*|выступлени\p{L}*|речи|интервью|заявлени\p{L}*|видеопорак\p{L}*|порак\p{L}*|обраќањ\p{L}*|obraćanj\p{L}*|govor\p{L}*|poruci|porukom|поруц\p{L}*|порук\p{L}*|обраћањ\p{L}*|говор\p{L}*|fjalim\p{L}*|mesazh\p{L}*|письм\p{L}*|лист[іу]|letter|lettre|Brief|Schreiben|lettera|carta|letr\p{L}*).*|(?:at|during|on|à|lors\s+de|pendant|bei|beim|zur|zum|während|на|во\s+время|в\s+ходе|під\s+час|tokom|na|gjatë|në)\s+(?:(?:a|an|the|la|le|l['’]|der|dem|einer)\s*)?(?:\p{Ll}[\p{L}-]*\s+){0,2}(?:ceremony|opening|closing|launch|event|conference|meeting|session|seminar|workshop|presentation|press\s+conference|round\s+table|signing|handover|cérémonie|ouverture|clôture|lancement|conférence|réunion|séance|Eröffnung|Zeremonie|Feier|Konferenz|Veranstaltung|Sitzung|Pressekonferenz|Ankündigung|Vorstellung|Übergabe|Eröffnungsfeier|Besuch|Treffen|Gespräch|Tagung|Empfang|Diskussion|Podiumsdiskussion|открыти\p{L}*|закрыти\p{L}*|церемони\p{L}*|конференци\p{L}*|пресс-конференци\p{L}*|заседани\p{L}*|семинар\p{L}*|брифинг\p{L}*|презентаци\p{L}*|мероприяти\p{L}*|відкритт\p{L}*|церемоні\p{L}*|конференці\p{L}*|засіданн\p{L}*|otvaranj\p{L}*|ceremonij\p{L}*|konferencij\p{L}*|отворањ\p{L}*|церемониј\p{L}*|конференциј\p{L}*|ceremoni\p{L}*|hapj\p{L}*|konferenc\p{L}*)(?![\p{L}])[^,;]*|(?:am\s+Rande|on\s+the\s+sidelines|en\s+marge|на\s+полях|на\s+маргинама|na\s+marginama|у\s+кулуарах)(?![\p{L}])[^,;]*|(?:yesterday|today|накануне|вчера|сегодня|heute|gestern|hier|aujourd['’]hui|danas|juče|јуче|денеска|sot|dje)(?![\p{L}]).*)$/isu;

/**
 * Where a speaker spoke, written between the verb and the speaker ("– наголосив у відеозверненні Генеральний секретар
 * ОБСЄ", "заявила в видеообращении к участникам Генеральный секретарь"): not part of the subject.
 */
export const LEADING_OCCASION = /^(?:(?:à cette occasion|à l['’]occasion|ce jour-là|bei dieser Gelegenheit|on that occasion|on this occasion|в этот день|по этому случаю)\s+(?=\p{L})|(?:у|в|во|in|u|në|dans|im|na|на)\s+(?:(?:a|an|the|his|her|своем|своём|своєму|своей|своїй|një|einer|seiner|ihrer)\s+)?(?:video\p{L}*|відеозверн\p{L}*|звернен\p{L}*|видеообращ\p{L}*|обращени\p{L}*|выступлени\p{L}*|виступ\p{L}*|послани\p{L}*|message|statement|видеопорак\p{L}*|порак\p{L}*|poruci|porukom|mesazh\p{L}*|Videobotschaft|Botschaft|Grußwort)(?:\s+\p{Ll}[\p{L}-]*){0,4}\s+(?=\p{Lu}))/u;

/** Articles and determiners that start a role phrase ("the Head", "le président", "der Hohe Kommissar"). */
export const ARTICLES = /^(?:(?:the|a|an|its|his|her|their|le|la|les|un|une|son|sa|ses|leur|der|die|das|den|dem|des|ein|eine|einer|ihr|ihre|ihrem|ihren|ihrer|sein|seine|seinem|seinen|seiner|il|lo|gli|el|los|las|uno|su|sus)\s+|l['’]\s*)/iu;

/** Particles inside names ("Pieter de Vries", "Max van der Stoel", "Marc Perrin de Brichambaut"). */
export const NAME_PARTICLES = new Set(['de', 'van', 'von', 'der', 'den', 'da', 'di', 'du', 'dos', 'del', 'della', 'la', 'le', 'ter', 'al', 'el', 'bin', 'ibn', 'zu', 'af', 'y',
  // as Russian and Ukrainian pages write them ("Макс ван дер Стул", "Урсула фон дер Ляйен")
  'ван', 'дер', 'фон', 'де', 'дю', 'ди', 'ден']);
