/**
 * A deterministic, knowledge-based Guess My City oracle. The reference oracle is FLAN-T5-XL trained on
 * GPT-3.5 answers (`llm_rl_scripts/guess_city/env/oracle.py`, github.com/abdulhaim/LMRL-Gym; LMRL-Gym
 * paper, App. C.7), prompted to "answer questions about a given city without revealing the city or
 * country unless correctly guessed" (`env/generate_cities_data.py`). No weights exist offline, so this
 * oracle reads the question with keyword and phrase rules and answers in short free-text sentences from
 * the knowledge base (knowledge.ts, countries.ts, world.ts), in the style of the reference's worked
 * examples ("Yes, the city I am from is Jakarta." for a correct guess).
 *
 * The no-leak rule: an answer never contains the city's names, aliases, acronyms or demonyms, nor its
 * country's names, codes or adjectives (which covers language names such as "Japanese"), unless the
 * question names the city (a correct guess, see `cityNamedIn` in cities.ts). Every answer passes a final
 * filter (`revealingWord`) that drops any sentence that would leak; a correct *country* guess is
 * confirmed without naming anything ("Yes, that's my country.").
 *
 * @example
 * const jakarta = findCity("Jakarta")!;
 * answerCityQuestion(jakarta, "Is the city you are from Jakarta?").answer; // "Yes, the city I am from is Jakarta."
 * answerCityQuestion(jakarta, "Is it in Asia?").answer;                     // "Yes."
 * answerCityQuestion(jakarta, "What food is your city known for?").answer;  // "People here love nasi goreng, ..."
 * answerCityQuestion(jakarta, "Tell me a joke").understood;                 // false
 */
import { CITIES, cityNamedIn, normalizeText, type City } from "./cities";
import { cityFacts, countryFacts, hasTag, revealingWord, type CityFacts, type Tag } from "./knowledge";
import type { CountryFacts } from "./countries";
import { AREA_PHRASES, findCountryMentions, OTHER_CITIES, REGION_PHRASES, RIVER_PHRASES, WATER_PHRASES } from "./world";

/** An oracle answer: the text, whether the question was understood, and the topic it was read as. */
export interface CityAnswer {
  answer: string;
  understood: boolean;
  topic?: string;
}

/** The reply to a question the oracle cannot map (neutral, names nothing). */
export const EVASIVE_ANSWER = "I'm not sure how to answer that. Try asking about the weather, food, language, landmarks or geography.";
/** The reply to a request for the city's or country's name. */
export const REFUSAL_ANSWER = "I can't tell you that, but you can keep asking questions or make a guess.";
/** The reply to a correct country guess (the city stays hidden). */
export const COUNTRY_CONFIRMED = "Yes, that's my country.";

/** Questions longer than this are not read (only the correct-guess test runs on them). */
const MAX_READ_CHARS = 600;

const EVASIVE: CityAnswer = { answer: EVASIVE_ANSWER, understood: false };

/**
 * Answers one question about the hidden city. Never throws, never names the city, an alias, the
 * country or a country adjective unless the question names the city.
 *
 * @example
 * answerCityQuestion(findCity("Bombay")!, "Is your city Mumbai?").answer; // "Yes, the city I am from is Mumbai."
 */
export function answerCityQuestion(city: City, question: string): CityAnswer {
  try {
    if (typeof question !== "string") return EVASIVE;
    const named = cityNamedIn(city, question);
    if (named !== undefined) return { answer: `Yes, the city I am from is ${named}.`, understood: true, topic: "guess" };
    if (question.length > MAX_READ_CHARS) return EVASIVE;
    const a = interpret(city, question);
    return a ? safe(city, a) : EVASIVE;
  } catch {
    return EVASIVE;
  }
}

/**
 * A free-text answer (a pluggable partner's, src/core/partner.ts) under the no-leak rule: the same final
 * filter as the oracle's own answers — every sentence that would reveal the city or its country is
 * dropped; when none is left, a bare "Yes."/"No." (the text started with yes/no) or the evasive reply.
 *
 * @example
 * withoutLeaks(findCity("Tokyo")!, "Yes, the city is Tokyo. It is in Asia."); // "It is in Asia."
 * withoutLeaks(findCity("Tokyo")!, "Yes, the city is Tokyo");                // "Yes."
 */
export function withoutLeaks(city: City, answer: string): string {
  try {
    return safe(city, { answer, understood: true }).answer;
  } catch {
    return EVASIVE_ANSWER;
  }
}

/** Drops every sentence that would reveal the city; falls back to a bare Yes/No or the evasive reply. */
function safe(city: City, a: CityAnswer): CityAnswer {
  if (revealingWord(city, a.answer) === undefined) return a;
  const parts = a.answer.match(/[^.!?]+[.!?]*/g) ?? [];
  const kept = parts.map((s) => s.trim()).filter((s) => s && revealingWord(city, s) === undefined);
  if (kept.length > 0) return { ...a, answer: kept.join(" ") };
  const m = /^(yes|no)\b/i.exec(a.answer);
  if (m) return { ...a, answer: m[1].toLowerCase() === "yes" ? "Yes." : "No." };
  return { ...EVASIVE, topic: a.topic };
}

// ───────────────────────────── helpers ─────────────────────────────

const AUX = new Set(["is", "are", "does", "do", "did", "can", "could", "was", "were", "has", "have", "had", "will", "would", "should", "may", "might", "isnt", "arent", "doesnt", "dont"]);

function yn(yes: boolean, topic: string, detailYes = "", detailNo = ""): CityAnswer {
  const d = yes ? detailYes : detailNo;
  return { answer: (yes ? "Yes." : "No.") + (d ? ` ${d}` : ""), understood: true, topic };
}

function said(answer: string, topic: string): CityAnswer {
  return { answer, understood: true, topic };
}

function listing(items: readonly string[], n = 3): string {
  const xs = items.slice(0, n);
  if (xs.length <= 1) return xs.join("");
  return `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Great-circle distance in km. */
function distanceKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const r = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * r) / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lng2 - lng1) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

function stem(w: string): string {
  if (w.length > 4 && w.endsWith("ies")) return `${w.slice(0, -3)}y`;
  if (w.length > 4 && w.endsWith("es") && /(ch|sh|x|ss)es$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss")) return w.slice(0, -1);
  return w;
}

function regionsOf(c: City): Set<string> {
  const f = cityFacts(c);
  const k = countryFacts(c);
  return new Set([...(f.continents ?? [k.continent]), ...k.regions]);
}

/** Phrase-table lookup on normalised text, longest phrase first; returns the ids found. */
function phraseIds(t: string, table: Readonly<Record<string, string>>, sorted: readonly string[]): string[] {
  const out: string[] = [];
  let text = t;
  for (const p of sorted) {
    if (text.includes(` ${p} `)) {
      out.push(table[p]);
      text = text.split(` ${p} `).join("  ");
    }
  }
  return out;
}
const byLength = (o: Readonly<Record<string, string>>) => Object.keys(o).sort((a, b) => b.length - a.length);
const REGION_KEYS = byLength(REGION_PHRASES);
const WATER_KEYS = byLength(WATER_PHRASES);
const RIVER_KEYS = byLength(RIVER_PHRASES);
const AREA_KEYS = byLength(AREA_PHRASES);

// ───────────────────────────── other cities named in a question ─────────────────────────────

interface Place {
  readonly names: readonly string[];
  readonly lat: number;
  readonly lng: number;
  readonly country: string;
  readonly metro?: number;
  readonly city?: City;
}

const PLACES: { norm: string; place: Place }[] = [];
for (const c of CITIES) {
  const f = cityFacts(c);
  const p: Place = { names: c.names, lat: f.lat, lng: f.lng, country: countryFacts(c).worldName, metro: f.metro, city: c };
  for (const n of c.names) PLACES.push({ norm: normalizeText(n).trim(), place: p });
}
for (const o of OTHER_CITIES) {
  const p: Place = { names: o.names, lat: o.lat, lng: o.lng, country: o.country };
  for (const n of o.names) PLACES.push({ norm: normalizeText(n).trim(), place: p });
}
PLACES.sort((a, b) => b.norm.length - a.norm.length);

/** The first other place (of the 100 or OTHER_CITIES) named in normalised text, never `self`. */
function otherPlace(t: string, self: City): Place | undefined {
  for (const e of PLACES) {
    if (e.norm && e.place.city !== self && t.includes(` ${e.norm} `)) return e.place;
  }
  return undefined;
}

// ───────────────────────────── word tables ─────────────────────────────

const LANGUAGE_WORDS: Readonly<Record<string, string>> = {
  amharic: "amharic", arabic: "arabic", azerbaijani: "azerbaijani", basque: "basque", bengali: "bengali", bangla: "bengali",
  berber: "berber", amazigh: "berber", burmese: "burmese", cantonese: "cantonese", catalan: "catalan", cebuano: "cebuano",
  english: "english", french: "french", galician: "galician", german: "german", gujarati: "gujarati", hakka: "hakka", hindi: "hindi",
  hokkien: "hokkien", taiwanese: "hokkien", hungarian: "hungarian", magyar: "hungarian", indonesian: "indonesian", bahasa: "indonesian",
  italian: "italian", japanese: "japanese", javanese: "javanese", kannada: "kannada", korean: "korean", kurdish: "kurdish",
  lingala: "lingala", malay: "malay", mandarin: "mandarin", chinese: "mandarin", marathi: "marathi", persian: "persian", farsi: "persian",
  portuguese: "portuguese", punjabi: "punjabi", quechua: "quechua", romanian: "romanian", russian: "russian", sindhi: "sindhi",
  spanish: "spanish", sundanese: "sundanese", swahili: "swahili", tagalog: "tagalog", filipino: "tagalog", tamil: "tamil", telugu: "telugu",
  thai: "thai", turkish: "turkish", ukrainian: "ukrainian", urdu: "urdu", uzbek: "uzbek", vietnamese: "vietnamese", pashto: "pashto",
  oromo: "oromo", swedish: "swedish", dutch: "dutch", greek: "greek", polish: "polish", hebrew: "hebrew", czech: "czech",
};
const LANGUAGE_CUE = /\b(speak|speaks|spoken|language|languages|tongue|dialect|official|talk|lingua franca)\b/;

const SCRIPT_TEXT: Readonly<Record<string, string>> = {
  latin: "the Latin alphabet", cyrillic: "the Cyrillic alphabet", arabic: "the Arabic script", chinese: "Han characters (hanzi) rather than an alphabet",
  kana: "kanji characters together with the kana syllabaries", hangul: "its own alphabet, Hangul", thai: "its own script, descended from old Indian scripts",
  devanagari: "the Devanagari script", bengali: "an Eastern Nagari script", tamil: "the Tamil script", telugu: "the Telugu script",
  kannada: "the Kannada script", gujarati: "the Gujarati script", burmese: "a rounded script of its own", geez: "the Ge'ez script",
};

const RELIGION_WORDS: Readonly<Record<string, string>> = {
  islam: "islam", muslim: "islam", muslims: "islam", islamic: "islam", moslem: "islam", christianity: "christianity", christian: "christianity",
  christians: "christianity", catholic: "catholicism", catholicism: "catholicism", catholics: "catholicism", protestant: "protestantism",
  protestantism: "protestantism", protestants: "protestantism", evangelical: "protestantism", orthodox: "orthodox", buddhism: "buddhism",
  buddhist: "buddhism", buddhists: "buddhism", hinduism: "hinduism", hindu: "hinduism", hindus: "hinduism", sikh: "sikhism", sikhism: "sikhism",
  jewish: "judaism", judaism: "judaism", jews: "judaism", shinto: "shinto", shintoism: "shinto", taoism: "taoism", taoist: "taoism",
  shia: "shia", shiite: "shia", shiites: "shia", sunni: "sunni", atheist: "nonreligious", atheism: "nonreligious", atheists: "nonreligious",
  secular: "nonreligious", nonreligious: "nonreligious", irreligious: "nonreligious", zoroastrianism: "zoroastrianism", jain: "jainism", jainism: "jainism",
};

const SPORT_WORDS: Readonly<Record<string, string[]>> = {
  football: ["football"], soccer: ["football"], "american football": ["gridiron"], gridiron: ["gridiron"], "ice hockey": ["ice hockey"],
  hockey: ["ice hockey", "field hockey"], "field hockey": ["field hockey"], baseball: ["baseball"], basketball: ["basketball"],
  cricket: ["cricket"], rugby: ["rugby", "rugby league"], tennis: ["tennis"], "table tennis": ["table tennis"], "ping pong": ["table tennis"],
  badminton: ["badminton"], volleyball: ["volleyball", "beach volleyball"], golf: ["golf"], boxing: ["boxing"], wrestling: ["wrestling"],
  sumo: ["sumo"], judo: ["judo"], karate: ["karate"], taekwondo: ["taekwondo"], "martial arts": ["martial arts", "taekwondo", "judo", "karate", "mma"],
  mma: ["mma"], surfing: ["surfing"], cycling: ["cycling"], "formula 1": ["formula 1"], "formula one": ["formula 1"], f1: ["formula 1"],
  esports: ["esports"], "e sports": ["esports"], gaming: ["esports"], kabaddi: ["kabaddi"], squash: ["squash"], "horse racing": ["horse racing"],
  polo: ["polo"], rodeo: ["rodeo"], swimming: ["swimming"], "aussie rules": ["aussie rules"], "australian rules": ["aussie rules"],
  handball: ["handball"], "water polo": ["water polo"], fencing: ["fencing"], "figure skating": ["figure skating"], skating: ["figure skating"],
  curling: ["curling"], lacrosse: ["lacrosse"], "lucha libre": ["lucha libre"], capoeira: ["capoeira"], running: ["running", "athletics"],
  athletics: ["athletics"], marathon: ["running", "athletics"],
};
const SPORT_KEYS = Object.keys(SPORT_WORDS).sort((a, b) => b.length - a.length);

/** Yes/no keyword rules on tags: [pattern on normalised text, tags (any), topic]. Checked in order. */
const TAG_RULES: readonly [RegExp, readonly Tag[], string][] = [
  [/ city state /, ["cityState"], "city-state"],
  [/ planned (city|capital)| purpose built /, ["planned"], "planned"],
  [/ (olympic|olympics) /, ["olympics"], "olympics"],
  [/ (financial|finance|banking|stock exchange|business hub|business center|business centre|economic hub|economic center) /, ["financial"], "finance"],
  [/ (skyline|skyscraper|skyscrapers|tall buildings|high rise|high rises) /, ["skyline"], "skyline"],
  [/ (film|films|movie|movies|cinema|bollywood|hollywood) /, ["film"], "film"],
  [/ (fashion) /, ["fashion"], "fashion"],
  [/ (tech|technology|it industry|it sector|it hub|software|silicon|startups) /, ["tech"], "tech"],
  [/ (tourist|tourists|tourism|visitors|touristy) /, ["tourist"], "tourism"],
  [/ (expensive|cost of living|costly) /, ["expensive"], "cost"],
  [/ (university|universities|college|colleges|students) /, ["universities"], "universities"],
  [/ airport /, ["hubAirport"], "airport"],
  [/ (subway|metro|underground|metro system|subway system) /, ["metro"], "metro"],
  [/ (traffic|congestion|congested|traffic jams) /, ["traffic"], "traffic"],
  [/ (nightlife|night life|clubs|clubbing|parties) /, ["nightlife"], "nightlife"],
  [/ (pilgrimage|pilgrims|holy city|sacred city|holy site|shrine) /, ["pilgrimage"], "pilgrimage"],
  [/ (carnival|carnaval|mardi gras) /, ["carnival"], "carnival"],
  [/ (beer|beers|brewery|breweries|brewing) /, ["beer"], "beer"],
  [/ (wine|wines|vineyards|winery) /, ["wine"], "wine"],
  [/ (earthquake|earthquakes|quakes|seismic) /, ["earthquakes"], "earthquakes"],
  [/ (volcano|volcanoes|volcanic) /, ["volcano"], "volcano"],
  [/ (flood|floods|flooding) /, ["floods"], "floods"],
  [/ (pollution|polluted|smog|air quality) /, ["pollution"], "pollution"],
  [/ (hurricane|hurricanes|typhoon|typhoons|cyclone|cyclones|tropical storms) /, ["cyclones"], "storms"],
  [/ (monsoon|monsoons|rainy season|wet season) /, ["monsoon", "wetSeason"], "monsoon"],
  [/ (humid|humidity|muggy) /, ["humid"], "humidity"],
  [/ tropical /, ["tropical"], "tropical"],
  [/ (four seasons|four distinct seasons|distinct seasons) /, ["fourSeasons"], "seasons"],
  [/ (sunny|sunshine|sun a lot) /, ["sunny"], "sunshine"],
  [/ (windy|wind) /, ["windy"], "wind"],
  [/ (fog|foggy|misty) /, ["foggy"], "fog"],
  [/ (desert) /, ["desert"], "desert"],
  [/ (delta) /, ["delta"], "delta"],
  [/ (valley) /, ["valley"], "valley"],
  [/ (mountain|mountains|mountainous|mountain range) /, ["mountains"], "mountains"],
  [/ (hill|hills|hilly) /, ["hilly", "mountains"], "hills"],
  [/ (beach|beaches) /, ["beach"], "beaches"],
  [/ (port|seaport|harbor|harbour|shipping) /, ["port"], "port"],
  [/ (historic|history|historical|ancient|old town) /, ["historic"], "history"],
  [/ (industrial|industry|factories|factory|manufacturing) /, ["industrial"], "industry"],
  [/ (music|musical) /, ["music"], "music"],
  [/ (art|arts|museum|museums|galleries|gallery) /, ["art"], "art"],
  [/ (shopping|shops|malls|mall) /, ["shopping"], "shopping"],
  [/ (crowded|dense|densely) /, ["dense"], "density"],
];

const STOP = new Set(
  ("a an the is are was were be been it its it s this that there here your you yours my city town hometown place do does did can could "
    + "have has had of for in on at to by with from and or as known famous popular well renowned big lot lots many much very really "
    + "people locals local person someone any some what which there s dish dishes food foods thing things one ones find found located "
    + "located home city's would will should may might also about like typical especially particularly quite most more main major "
    + "near close around area region country nation world eat eaten enjoy enjoyed love loved serve served make made see visit located "
    + "i me we us they them their our he she his her not no yes if so than then too just only specialty specialties traditional").split(" "),
);

// ───────────────────────────── content search ─────────────────────────────

interface Sentence {
  readonly text: string;
  readonly stems: ReadonlySet<string>;
}

function sentenceOf(text: string): Sentence {
  return { text, stems: new Set(normalizeText(text).trim().split(" ").map(stem)) };
}

const CONTENT = new Map<City, Sentence[]>();
function contentOf(c: City): Sentence[] {
  let s = CONTENT.get(c);
  if (!s) {
    const f = cityFacts(c);
    const k = countryFacts(c);
    s = [
      ...f.foods.map((x) => sentenceOf(`People here love ${x}.`)),
      ...f.landmarks.map((x) => sentenceOf(`${cap(x)} is here.`)),
      ...f.industries.map((x) => sentenceOf(`A main industry is ${x}.`)),
      ...f.facts.map(sentenceOf),
      sentenceOf(f.weather),
      sentenceOf(`The food is known for being ${k.cuisine.join(", ")}.`),
    ];
    CONTENT.set(c, s);
  }
  return s;
}

/** The content words of a question (stems), after dropping frame and stop words. */
function contentStems(t: string): string[] {
  return t.trim().split(" ").filter((w) => w.length > 1 && !STOP.has(w) && !AUX.has(w)).map(stem);
}

/** Generic modifiers a fact may leave out ("classic cars", "salsa dancing", "coal mining"). */
const SOFT = new Set(
  ["classic", "vintage", "old", "dancing", "dance", "mining", "mine", "production", "producing", "industry", "culture", "scene", "festival",
    "style", "trade", "manufacturing", "making", "music", "sector", "business", "center", "centre", "hub", "capital"].map(stem),
);

function searchIn(c: City, stems: readonly string[]): Sentence | undefined {
  const hard = stems.filter((w) => !SOFT.has(w));
  const need = hard.length > 0 ? hard : stems;
  return contentOf(c).find((s) => need.every((w) => s.stems.has(w)));
}

/** "Is it known for X?", "Is X in your city?": Yes when a fact holds every content word; No when only other cities' facts do. */
function contentAnswer(c: City, t: string): CityAnswer | undefined {
  const stems = contentStems(t);
  if (stems.length === 0 || stems.length > 6) return undefined;
  const hit = searchIn(c, stems);
  if (hit) return said(`Yes. ${hit.text}`, "knowledge");
  for (const other of CITIES) if (other !== c && searchIn(other, stems)) return said("No, not that I know of.", "knowledge");
  return undefined;
}

// ───────────────────────────── the reader ─────────────────────────────

/** The last question-like sentence of a text, so "Great! Is it in Asia?" is read as "Is it in Asia?". */
function pickQuestion(q: string): string {
  const parts = q.split(/(?<=[.!?])\s+/).map((s) => s.trim()).filter(Boolean);
  const withQ = parts.filter((s) => s.endsWith("?"));
  return withQ.length > 0 ? withQ[withQ.length - 1] : parts[parts.length - 1] ?? "";
}

function interpret(city: City, question: string): CityAnswer | undefined {
  const raw = pickQuestion(question);
  let t = normalizeText(raw);
  if (t.trim().length === 0) return undefined;
  // Leading fillers: "ok so", "great", "hmm", "alright".
  t = t.replace(/^ (ok|okay|so|great|alright|hmm|well|thanks|thank you|interesting|nice|cool|i see)( (ok|okay|so|great|alright|then|now))* /, " ");
  const f = cityFacts(city);
  const k = countryFacts(city);
  const words = t.trim().split(" ");
  const yesNo = AUX.has(words[0]) && !/^ (can|could|would|will) you (tell|describe|name|say|share|give|list|explain) /.test(t);
  if (isNameRequest(t)) return said(REFUSAL_ANSWER, "refusal");
  return yesNo ? yesNoAnswer(city, f, k, t, raw) : openAnswer(city, f, k, t);
}

function isNameRequest(t: string): boolean {
  return (
    / (name|names) of (your|the|this|that) (city|town|country|hometown|place) /.test(t)
    || /^ (what|which) (city|town|country|nation|place) /.test(t)
    || / (tell|give|say|reveal|share|spell|confess|admit|print|output|write)( me| us)?( the| your| its)? (city|country|answer|secret|hometown|name|location|town) /.test(t)
    || / (where|what city|what country) (are|do) you (from|live|come from) /.test(t)
    || / ignore (the|all|your|previous|prior|any) /.test(t)
    || / (first|last) letter /.test(t)
    || / (spell|spelled|spelling|starts with|start with|begins with|begin with|ends with|end with|letters|rhymes) /.test(t)
  );
}

const MAIN_CUE = / (main|official|primary|first|national|dominant|majority|predominant|most common|mostly|mainly|largest|biggest|major) /;

function yesNoAnswer(city: City, f: CityFacts, k: CountryFacts, t: string, raw: string): CityAnswer | undefined {
  const tag = (x: Tag) => hasTag(city, x);

  // Comparisons with another named city.
  const place = otherPlace(t, city);
  if (place) {
    if (/ (near|close|nearby|far|distance|next to|neighbou?r|neighbou?ring|drive|hours|km|kilometers|kilometres|miles|border) /.test(t)) {
      const d = distanceKm(f.lat, f.lng, place.lat, place.lng);
      const near = d <= 350;
      const far = / far /.test(t);
      return yn(far ? !near : near, "distance", near ? "They are quite close to each other." : "It is a long way from there.", near ? "They are quite close to each other." : "It is a long way from there.");
    }
    if (/ same (country|nation) /.test(t)) return yn(place.country === k.worldName, "same-country");
    if (/ same continent /.test(t)) {
      const other = place.city ? regionsOf(place.city) : undefined;
      if (other) return yn((f.continents ?? [k.continent]).some((c) => other.has(c)), "same-continent");
    }
    const bigger = / (bigger|larger|more populous|more people|busier|greater) /.test(t);
    const smaller = / (smaller|less populous|fewer people|quieter) /.test(t);
    if ((bigger || smaller) && place.metro !== undefined) return yn(bigger ? f.metro > place.metro : f.metro < place.metro, "size");
    if (/ north of /.test(t)) return yn(f.lat > place.lat, "location");
    if (/ south of /.test(t)) return yn(f.lat < place.lat, "location");
    if (/ east of /.test(t)) return yn(f.lng > place.lng, "location");
    if (/ west of /.test(t)) return yn(f.lng < place.lng, "location");
    if (/ (like|similar to|compared to) /.test(t)) return said("In some ways, but it is a different city.", "comparison");
  }

  // Languages (before countries: "Is German spoken?").
  const langWords = Object.keys(LANGUAGE_WORDS).filter((w) => t.includes(` ${w} `));
  if (langWords.length > 0 && (LANGUAGE_CUE.test(t) || / (people|they|locals) (speak|talk) /.test(t))) {
    const id = LANGUAGE_WORDS[langWords[0]];
    const main = f.languages ?? k.languages;
    const askMain = MAIN_CUE.test(t);
    if (id === "english") {
      const level = main.includes("english") && k.english !== "main" ? (k.english === "little" ? "widely" : k.english) : k.english;
      if (askMain) return yn(level === "main", "language", "", level === "widely" ? "It is widely used, but it is not the main language." : "");
      if (level === "main" || level === "widely") return yn(true, "language");
      return level === "some"
        ? said("Only somewhat: it is taught in schools and used in business and tourism, but most people use another language.", "language")
        : yn(false, "language", "", "Not many people speak it.");
    }
    if (main.includes(id)) return yn(true, "language");
    if (k.otherLanguages.includes(id) && !askMain) return yn(true, "language", "Many people speak it, though it is not the main language.");
    if (k.otherLanguages.includes(id)) return yn(false, "language", "", "Many people speak it, but it is not the main language.");
    return yn(false, "language");
  }

  // Religion.
  const relWords = Object.keys(RELIGION_WORDS).filter((w) => t.includes(` ${w} `));
  if (relWords.length > 0 && !/ (dish|food|eat|cuisine) /.test(t)) {
    const id = RELIGION_WORDS[relWords[0]];
    const main = f.religions ?? k.religions;
    const askMain = MAIN_CUE.test(t);
    const isMain = main.includes(id) || (id === "christianity" && main.some((r) => ["catholicism", "protestantism", "orthodox"].includes(r)));
    if (isMain) return yn(true, "religion");
    if (k.otherReligions.includes(id) || main.includes(id)) return askMain ? yn(false, "religion", "", "It is a minority faith here.") : yn(true, "religion", "There is a minority community.");
    return yn(false, "religion", "", "Not many people here follow it.");
  }

  // Sports.
  const sportKey = SPORT_KEYS.find((w) => t.includes(` ${w} `));
  if (sportKey && !/ (stadium|team named|won the) /.test(t)) {
    const ids = SPORT_WORDS[sportKey];
    const all = [...k.sports, ...(f.sports ?? [])];
    const yes = ids.some((s) => all.includes(s)) || (sportKey === "hockey" && all.includes("ice hockey"));
    return yn(yes, "sports", "", "Other sports are more popular here.");
  }

  // Countries named in the question.
  const mentions = findCountryMentions(t, raw);
  if (mentions.length > 0) {
    const own = (name: string) => name === k.worldName || (city.country === "TW" && name === "China");
    const isOwn = mentions.some((m) => own(m.country.name));
    if (/ (border|borders|bordering|neighbou?r|neighbou?rs|neighbou?ring|next to|adjacent) /.test(t)) {
      const target = mentions.find((m) => !own(m.country.name));
      if (target) {
        const note = k.borderNotes?.[target.country.name];
        if (note) return said(note, "borders");
        return yn(k.borders.includes(target.country.name), "borders");
      }
    }
    if (/ (near|close to) /.test(t) && !isOwn) {
      return yn(k.borders.includes(mentions[0].country.name), "borders", "It is not far from there.", "It is not near there.");
    }
    if (/ (food|cuisine|dish|culture|like|similar) /.test(t) && !/ (in|from) /.test(t)) return undefined;
    if (isOwn) return said(mentions.length > 1 ? "Yes, my country is one of those." : COUNTRY_CONFIRMED, "country");
    return said(mentions.length > 1 ? "No, my city is not in any of those countries." : "No, my city is not in that country.", "country");
  }

  // Capital and roles.
  if (/ capital /.test(t)) {
    if (/ financial capital | (economic|business|commercial) capital /.test(t)) return yn(tag("financial"), "finance");
    if (/ (state|provincial|province|regional|region) capital | capital of (a|the|its|their) (state|province|region) /.test(t)) return yn(tag("adminCapital"), "capital");
    if (/ (former|old|once|used to|previous|ancient|historic|historical|ever|past) /.test(t)) return yn(tag("formerCapital") || tag("capital"), "capital");
    if (/ (world|global) /.test(t)) return undefined;
    return yn(tag("capital"), "capital");
  }
  if (/ (largest|biggest|most populous) city /.test(t)) {
    if (/ (world|planet|earth) /.test(t)) return yn(city.rank <= 10 && f.metro >= 20, "size");
    if (/ (continent|asia|africa|europe|america) /.test(t)) return undefined;
    return yn(tag("largest"), "size");
  }
  if (/ (two continents|both continents|spans continents|span continents|straddle) /.test(t)) return yn((f.continents ?? []).length > 1, "continent");

  // Hemisphere and the equator.
  if (/ equator /.test(t)) {
    if (/ north of /.test(t)) return yn(f.lat > 0, "hemisphere");
    if (/ south of /.test(t)) return yn(f.lat < 0, "hemisphere");
    return yn(Math.abs(f.lat) <= 12, "equator", "", "It is quite far from the equator.");
  }
  if (/ (northern|north) hemisphere /.test(t)) return yn(f.lat > 0, "hemisphere");
  if (/ (southern|south) hemisphere /.test(t)) return yn(f.lat < 0, "hemisphere");
  if (/ (eastern|east) hemisphere /.test(t)) return yn(f.lng > 0, "hemisphere");
  if (/ (western|west) hemisphere /.test(t)) return yn(f.lng < 0, "hemisphere");
  if (/ tropics /.test(t)) return yn(Math.abs(f.lat) < 23.5, "hemisphere");

  // Named waters, rivers, sub-national areas, regions.
  const waters = phraseIds(t, WATER_PHRASES, WATER_KEYS);
  const rivers = phraseIds(t, RIVER_PHRASES, RIVER_KEYS);
  if (rivers.length > 0 && (/ (river|on the|on a|banks|flows|runs|through) /.test(t) || waters.length === 0)) {
    return yn(rivers.some((r) => f.rivers.includes(r)), "river", "", f.rivers.length > 0 ? "It lies on a different river." : "");
  }
  if (waters.length > 0) return yn(waters.some((w) => f.waters.includes(w)), "water");
  const areas = phraseIds(t, AREA_PHRASES, AREA_KEYS);
  if (areas.length > 0) return yn(areas.some((a) => f.areas.includes(a)), "area");
  if (/ (west|western) coast /.test(t) && / (country|nation) /.test(t) === false) return yn(/west/.test(f.part) && (tag("coast") || tag("nearCoast")), "coast");
  if (/ (east|eastern) coast /.test(t)) return yn(/east/.test(f.part) && (tag("coast") || tag("nearCoast")), "coast");
  const regions = phraseIds(t, REGION_PHRASES, REGION_KEYS);
  if (regions.length > 0 && !/ (food|cuisine) /.test(t)) {
    const mine = regionsOf(city);
    return yn(regions.some((r) => mine.has(r)), "region");
  }

  // Country-level facts.
  if (/ (drive|driving|drives|traffic) .*(left|right)/.test(t)) return yn(/ left /.test(t) ? k.left : !k.left, "driving");
  if (/ landlocked /.test(t)) return yn(k.landlocked, "landlocked");
  if (/ island (nation|country) | (country|nation) .*island/.test(t)) return yn(k.island, "island");
  if (/ (on|an) (an )?island /.test(t) || / island /.test(t)) return yn(tag("island") || (k.island && !/ (main|mainland) /.test(t)), "island");
  if (/ (colonized|colonised|colony|colonial|colonizers|colonisers|colonised|colonization|colonisation|empire ruled|ruled by) /.test(t)) {
    const s = k.colonySentence;
    return said(/^(yes|no)\b/i.test(s) ? s : `${k.colonizers.length > 0 ? "Yes." : "No."} ${s}`, "colonial");
  }
  if (/ (communist|communism|socialist|one party) /.test(t)) return yn(k.gov.includes("communist"), "government");
  if (/ (monarchy|king|queen|royal family|emperor|royals|monarch) /.test(t)) return yn(k.gov.includes("monarchy"), "government");
  if (/ (european union|eu) /.test(t)) return yn(k.gov.includes("eu"), "government");
  if (/ soviet /.test(t)) return yn(k.gov.includes("formerSoviet"), "government");
  if (/ commonwealth /.test(t)) return yn(k.gov.includes("commonwealth"), "government");
  if (/ (democracy|democratic|elections|free elections) /.test(t)) {
    return k.democracy === "mixed" ? said("Partly: there are elections, but with strong limits.", "government") : yn(k.democracy === "yes", "government");
  }
  const currencyWord = k.currency.find((c) => t.includes(` ${c} `));
  const anyCurrency = / (currency|money|euro|euros|dollar|dollars|pound|pounds|peso|pesos|yen|yuan|rupee|rupees|franc|francs|won|real|lira|ruble|rubles|rouble|dinar|rial|baht|dong|rupiah) /.test(t);
  if (anyCurrency && / (currency|use|used|pay|paid|money|the euro|euro|euros|dollar|dollars) /.test(t)) return yn(currencyWord !== undefined, "currency", "", k.currencySentence);
  if (/ (rich|wealthy|developed|high income|affluent|prosperous) /.test(t)) return yn(k.wealth === "high", "wealth");
  if (/ (poor|developing|third world|low income|poverty) /.test(t)) return yn(k.wealth !== "high", "wealth");

  // Climate.
  if (/ (snow|snows|snowy|snowfall|snowing) /.test(t)) {
    if (tag("snow")) return yn(true, "snow", "It snows most winters.");
    if (tag("snowSometimes")) return said("Yes, occasionally, though not every winter.", "snow");
    return yn(false, "snow", "", "It never or almost never snows here.");
  }
  if (/ (freez|freezing|below zero|harsh winter|harsh winters|cold winter|cold winters|winters cold|winter cold|cold in winter|cold in the winter|winter .*cold|winters .*cold|cold .*winter|cold .*winters) /.test(t)) {
    if (tag("coldWinter") || tag("veryColdWinter")) return yn(true, "winter", f.weather);
    if (tag("coolWinter")) return yn(false, "winter", "", "Winters are cool, but not really cold.");
    return yn(false, "winter", "", "It never gets really cold.");
  }
  if (/ (hot|warm) (all|the whole|throughout the) year | (hot|warm) (all year round|year round|all the time|every month) | always (hot|warm) | (hot|warm) .*year round /.test(t)) {
    const warmQ = / warm /.test(t);
    return yn(tag("hotYearRound") || (warmQ && (tag("warm") || tag("tropical"))), "climate", "", f.weather);
  }
  if (/ (hot and dry|dry and hot) /.test(t)) return yn((tag("hotSummer") || tag("hotYearRound")) && (tag("dry") || tag("desert")), "climate", f.weather, f.weather);
  if (/ (dry|arid|little rain|not much rain|rarely rains) /.test(t)) return yn(tag("dry") || tag("desert"), "climate", "", f.weather);
  if (/ (rain|rains|rainy|raining|rainfall|wet) /.test(t)) return yn(tag("rainy"), "rain", "", f.weather);
  if (/ (hot|heat|scorching|sweltering) /.test(t)) return yn(tag("hotSummer") || tag("hotYearRound"), "climate", f.weather, f.weather);
  if (/ warm /.test(t)) return yn(tag("warm") || tag("hotYearRound") || tag("hotSummer") || tag("warmSummer"), "climate", "", f.weather);
  if (/ (cold|chilly|cool|cooler) /.test(t)) return yn(tag("cool") || tag("coldWinter") || tag("veryColdWinter") || f.elev >= 2000, "climate", f.weather, f.weather);
  if (/ (mild|pleasant|temperate|spring like|moderate) /.test(t)) return yn(tag("mild"), "climate", "", f.weather);
  if (/ (high altitude|high elevation|above sea level|altitude|elevation|high up|highlands|plateau) /.test(t)) return yn(f.elev >= 1200, "altitude", `The centre lies about ${Math.round(f.elev / 10) * 10} m above sea level.`, "");

  // Water and coast.
  if (/ (body of water|water nearby|near water|by water|on the water|waterfront|river or lake|lake or river|any water|next to water) /.test(t)) {
    return yn(tag("coast") || tag("nearCoast") || tag("bigLake") || f.rivers.length > 0 || f.waters.length > 0, "water");
  }
  if (/ lake /.test(t)) return yn(tag("bigLake") || tag("lakes") || f.waters.some((w) => w.startsWith("Lake")), "lake");
  if (/ river /.test(t)) return yn(f.rivers.length > 0, "river");
  if (/ (coast|coastal|seaside|sea|ocean|seashore|shore|gulf|bay) /.test(t)) {
    const nearQ = / (near|close|nearby|not far|far from|distance|access) /.test(t);
    const yes = tag("coast") || (nearQ && tag("nearCoast"));
    return yn(/ far from /.test(t) ? !yes : yes, "coast", "", tag("nearCoast") ? "It is a short way inland." : "It lies inland.");
  }

  // Size.
  const million = / (\d+(?:\.\d+)?) (million|millions|m) /.exec(t);
  if (million && / (more|over|above|at least|greater|exceed|larger|bigger|than) /.test(t)) {
    const n = Number(million[1]);
    const less = / (less|fewer|under|below|smaller) /.test(t);
    return yn(less ? f.metro < n : f.metro > n, "size", `About ${fmtMillions(f.metro)} people live in the metropolitan area.`, `About ${fmtMillions(f.metro)} people live in the metropolitan area.`);
  }
  if (/ (years old|year old|centuries old|century old) /.test(t)) {
    const m = / (\d+) (years|year|centuries|century) /.exec(t);
    if (m) {
      const years = Number(m[1]) * (m[2].startsWith("centur") ? 100 : 1);
      const age = 2024 - f.founded;
      return yn(/ (less|younger|under) /.test(t) ? age < years : age > years, "history", foundedSentence(f), foundedSentence(f));
    }
  }
  if (/ (founded|built|established) (before|after|in) /.test(t)) {
    const m = / (\d{3,4}) /.exec(t);
    if (m) return yn(/ after /.test(t) ? f.founded > Number(m[1]) : f.founded < Number(m[1]), "history", foundedSentence(f), foundedSentence(f));
  }
  if (/ (old city|very old|ancient city|old) /.test(t) && !/ (old town|years) /.test(t)) return yn(f.founded < 1500, "history", foundedSentence(f), foundedSentence(f));
  if (/ (small|little|tiny) /.test(t)) return yn(f.metro < 2.5, "size", "", `It is a big city, with about ${fmtMillions(f.metro)} people in the metropolitan area.`);
  if (/ (big|large|huge|major|megacity|metropolis|populous|populated|crowded) /.test(t) && / (city|population|place) /.test(t)) {
    return yn(f.metro >= 2, "size", `About ${fmtMillions(f.metro)} people live in the metropolitan area.`);
  }

  // Tags by keyword (after the more specific rules above).
  for (const [re, tags, topic] of TAG_RULES) {
    if (re.test(t)) {
      const c = contentAnswer(city, t);
      if (c && c.answer.startsWith("Yes")) return { ...c, topic };
      return yn(tags.some((x) => tag(x)), topic);
    }
  }
  if (/ spicy /.test(t)) return yn(k.cuisine.includes("spicy") || contentOf(city).some((s) => s.stems.has("spicy")), "food");

  // Another city named: a wrong guess.
  if (place) return said("No, that is not my city.", "guess");

  return contentAnswer(city, t);
}

function fmtMillions(m: number): string {
  return m >= 10 ? `${Math.round(m)} million` : `${Math.round(m * 10) / 10} million`;
}

function foundedSentence(f: CityFacts): string {
  if (f.founded < 0) return `It goes back more than ${Math.floor((2024 - f.founded) / 100) * 100} years.`;
  if (f.founded < 1000) return `It goes back more than ${Math.floor((2024 - f.founded) / 100) * 100} years.`;
  return `It was founded around ${Math.round(f.founded / 10) * 10}.`;
}

function openAnswer(city: City, f: CityFacts, k: CountryFacts, t: string): CityAnswer | undefined {
  const has = (re: RegExp) => re.test(t);
  if (has(/ (continent|continents) /)) {
    const cs = f.continents ?? [k.continent];
    return said(cs.length > 1 ? `It lies on two continents, ${cs.join(" and ")}.` : `It is in ${cs[0]}.`, "continent");
  }
  if (has(/ hemisphere /)) return said(`It is in the ${f.lat > 0 ? "northern" : "southern"} and ${f.lng > 0 ? "eastern" : "western"} hemispheres.`, "hemisphere");
  if (has(/ (time zone|timezone|utc|gmt) /)) {
    const utc = f.utc ?? k.utc;
    return said(`It is on UTC${utc.startsWith("-") ? utc : `+${utc.replace(/^\+/, "")}`}${k.dst ? ", with daylight saving time in summer" : ""}.`, "time zone");
  }
  if (has(/ (currency|money) /)) return said(k.currencySentence, "currency");
  if (has(/ (alphabet|script|writing system|written|write) /)) {
    return said(`People write with ${listing(k.scripts.map((s) => SCRIPT_TEXT[s] ?? s), 2)}.`, "script");
  }
  if (has(/ (language|languages|speak|spoken|dialect|tongue) /)) return said(f.languageSentence ?? k.languageSentence, "language");
  if (has(/ (religion|religions|religious|faith|worship|god|gods|church|churches|mosque|mosques|temple|temples) /)) return said(f.religionSentence ?? k.religionSentence, "religion");
  if (has(/ (sport|sports|team|teams|game|games|athletes|play) /)) {
    const extra = (f.sports ?? []).filter((s) => !k.sports.includes(s));
    return said(k.sportsSentence + (extra.length > 0 ? ` Locally, ${listing(extra)} ${extra.length > 1 ? "are" : "is"} popular too.` : ""), "sports");
  }
  if (has(/ (weather|climate|temperature|temperatures|seasons|season|rain|snow|winter|winters|summer|summers|hot|cold) /)) return said(f.weather, "weather");
  if (has(/ (food|foods|dish|dishes|cuisine|eat|eats|meal|meals|snack|snacks|delicacy|delicacies|breakfast|lunch|dinner|drink|drinks|specialty) /)) {
    return said(`People here love ${listing(f.foods)}.`, "food");
  }
  if (has(/ (landmark|landmarks|attraction|attractions|sights|sightseeing|monument|monuments|building|buildings|visit|tourists|see|must see|places) /)) {
    return said(`Famous sights include ${listing(f.landmarks)}.`, "landmarks");
  }
  if (has(/ (river|rivers) /)) {
    return said(f.rivers.length > 0 ? `It lies on the ${listing(f.rivers.map((r) => r.replace(/ River$/, "")), 2)} river${f.rivers.length > 1 ? "s" : ""}.` : "No major river runs through it.", "river");
  }
  if (has(/ (sea|ocean|coast|water|body of water|bay|lake|beach|beaches) /)) {
    if (f.waters.length > 0) return said(`It lies on the ${listing(f.waters, 2)}.`, "water");
    return said(hasTag(city, "nearCoast") ? "It is a short way inland from the sea." : "It is inland, far from the sea.", "water");
  }
  if (has(/ (industry|industries|economy|economic|jobs|work|business|businesses|companies|employ|employer|employers|living) /)) {
    return said(`The main industries are ${listing(f.industries, 4)}.`, "industry");
  }
  if (has(/ (population|how big|how large|how many people|size|inhabitants|residents|people live) /)) {
    return said(`About ${fmtMillions(f.metro)} people live in the metropolitan area.`, "size");
  }
  if (has(/ (altitude|elevation|above sea level|how high) /)) return said(`The centre lies about ${Math.round(f.elev / 10) * 10} m above sea level.`, "altitude");
  if (has(/ (history|historical|founded|old|age|established|built) /)) return said(`${foundedSentence(f)} ${f.facts.find((x) => /\b(1\d{3}|ancient|century|centuries|founded|capital|empire|was)\b/i.test(x)) ?? ""}`.trim(), "history");
  if (has(/ (border|borders|neighbou?r|neighbou?rs|neighbou?ring) /)) {
    return said(k.borders.length > 0 ? `My country shares land borders with ${listing(k.borders, 4)}.` : "My country has no land borders.", "borders");
  }
  if (has(/ (government|political|politics|governed|ruled|leader) /)) {
    const g = k.gov.includes("communist") ? "It is ruled by a communist party." : k.gov.includes("monarchy") ? "It is a constitutional monarchy." : k.democracy === "yes" ? "It is a democracy." : "It holds elections, but power is concentrated.";
    return said(g, "government");
  }
  if (has(/ (where|located|location|part of|situated|region|area) /)) {
    const part = f.part ? `It is ${/coast|island/.test(f.part) ? "on" : "in"} the ${f.part}${/ of /.test(f.part) ? "" : " of its country"}` : "It is a city-state";
    const region = k.regions.find((r) => r !== k.continent) ?? k.continent;
    return said(`${part}, in ${region}.`, "location");
  }
  if (has(/ (known for|famous for|special|unique|interesting|fact|facts|describe|describes|tell me (more |something )?about (your|the|this|that) (city|town|hometown|place)|what is it like|whats it like) /)) {
    return said(f.facts[0], "facts");
  }
  return undefined;
}
