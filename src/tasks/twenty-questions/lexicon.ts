/**
 * The phrase tables of the Twenty Questions oracle (oracle.ts): what the words inside a question frame
 * mean. oracle.ts finds the frame ("Is it a/an X?", "Does it have X?", "Is it made of X?", "Can you X it?",
 * ...) and looks X up in the table for that frame: CLASSES for "a/an X", HAS for "have X", MATERIALS for
 * "made of X", YOU_VERBS for "you X it", and so on (each table's comment names its frames).
 *
 * A lexicon entry maps a phrase to an attribute expression over knowledge.ts: "|" = or, "&" = and,
 * "!" = not, and a term is an attribute id of knowledge.ts (`"vegetable&green"`) or an object name,
 * which answers "Yes." for that object only (`"Desk|Table"`; `"none"` answers "No." for every object).
 * An expression is checked when oracle.ts loads, so a misspelt attribute or object fails loudly.
 *
 * To add a phrase, add it to the key of the entry with the right meaning, separated by "/"
 * (`"pet/house pet/family pet": "pet"`), or add a new `"phrase": "expression"` entry. Write a phrase
 * as oracle.ts normalises questions: lower-case, no punctuation ("man made", "its"). It is stored
 * without articles, possessives and "typical"-like words (DROP), and its last word also matches
 * singular or plural ("team sports" answers "team sport"). In the verb tables (PURPOSES, YOU_VERBS,
 * DO_VERBS) write the first word as a base verb ("cut", not "cutting"). One phrase may not map to two
 * different expressions in one table (that throws at load).
 */

/** Articles, possessives and "typical"-like words, dropped inside lexicon phrases. */
const DROP = new Set(["a", "an", "the", "your", "my", "our", "their", "his", "her", "its", "ones", "someones", "peoples", "persons", "some", "any", "typical", "average", "normal", "regular", "ordinary", "usual", "standard", "most", "many", "every", "each", "certain", "particular"]);

/** A phrase with DROP words removed: "in your hand" → "in hand". */
export function canon(phrase: string): string {
  return phrase.split(" ").filter((w) => w && !DROP.has(w)).join(" ");
}

const IRREGULAR: Readonly<Record<string, string>> = {
  feet: "foot", teeth: "tooth", mice: "mouse", people: "person", children: "child", cacti: "cactus", knives: "knife",
  leaves: "leaf", shelves: "shelf", women: "woman", men: "man", geese: "goose", hooves: "hoof", loaves: "loaf",
};

/** Candidate singular forms of a word (the word itself first). */
export function singulars(w: string): string[] {
  const out = [w];
  if (IRREGULAR[w]) out.push(IRREGULAR[w]);
  if (w.length > 4 && w.endsWith("ies")) out.push(`${w.slice(0, -3)}y`);
  if (w.length > 3 && w.endsWith("es")) out.push(w.slice(0, -2));
  if (w.length > 2 && w.endsWith("s") && !w.endsWith("ss")) out.push(w.slice(0, -1));
  return out;
}

/** The phrase and its forms with the last word made singular. */
export function forms(phrase: string): string[] {
  const i = phrase.lastIndexOf(" ");
  const head = i < 0 ? "" : phrase.slice(0, i + 1);
  return singulars(phrase.slice(i + 1)).map((w) => head + w);
}

// ───────────────────────────── lexicons ─────────────────────────────

export type Lexicon = ReadonlyMap<string, string>;

/** A phrase → attribute-expression map; keys may list "/"-separated synonyms and are stored canonical. */
function lexicon(entries: Readonly<Record<string, string>>): Lexicon {
  const m = new Map<string, string>();
  const derived: Array<[string, string]> = [];
  for (const [keys, expr] of Object.entries(entries)) {
    for (const k of keys.split("/")) {
      const key = canon(k.trim());
      if (!key) continue; // e.g. "typical" alone: a DROP word, meaningless as a key
      const prev = m.get(key);
      if (prev !== undefined && prev !== expr) throw new Error(`lexicon key "${k}" maps to both "${prev}" and "${expr}"`);
      m.set(key, expr);
      for (const f of forms(key).slice(1)) derived.push([f, expr]);
    }
  }
  for (const [f, expr] of derived) if (!m.has(f)) m.set(f, expr); // "team sports" also answers "team sport"
  return m;
}

/** Nouns for classes and categories ("Is it a/an X?", "Is it a type of X?"). */
export const CLASSES = lexicon({
  "animal/creature/beast/critter/fauna/living creature/living animal/vertebrate": "animal",
  "mammal": "mammal",
  "pet/house pet/household pet/domestic pet/companion animal/family pet": "pet",
  "farm animal/livestock/barnyard animal/farmyard animal": "farmAnimal",
  "domestic animal/domesticated animal/tame animal": "domesticated",
  "wild animal/wild creature/wildlife/animal in the wild": "wildAnimal",
  "predator/apex predator/hunter": "predator",
  "carnivore/meat eater": "carnivore",
  "herbivore/plant eater/grazing animal/grazer": "herbivore",
  "omnivore": "carnivore&eatsPlants",
  "feline/cat family/feline family/member of cat family/type of cat": "feline",
  "big cat/large cat/wild cat": "bigCat",
  "canine/dog family/canine family": "canine",
  "small animal/small mammal/little animal/small creature": "smallAnimal",
  "large animal/big animal/large mammal/big mammal/giant animal/large creature": "bigAnimal",
  "zoo animal": "zoo",
  "endangered animal/endangered species": "endangered",
  "bird/fish/reptile/insect/amphibian/bug/marine animal/sea creature/sea animal/aquatic animal/water animal/primate/rodent/marsupial/invertebrate/arachnid/crustacean/mollusk/dinosaur/mythical creature/fictional character/person/human/human being/man/woman/child/baby/celebrity/cartoon character/famous person/character":
    "none", // a rabbit is a lagomorph, not a rodent
  "plant/flora/vegetation/greenery/living plant/shrubbery": "plant",
  "flower/weed/grass/herb/fungus/mushroom": "none",
  "succulent/desert plant": "desert",
  "living thing/living organism/organism/life form/lifeform/living being/thing that is alive": "alive",
  "non living thing/nonliving thing/non living object/nonliving object/inanimate object/inanimate thing/inanimate": "!alive",
  "food/foodstuff/food item/produce/grocery/groceries/snack/edible item/edible thing/something edible/ingredient/healthy food/natural food/food product/something to eat/thing to eat":
    "food",
  "fruit": "fruit",
  "vegetable/veggie/veg": "vegetable",
  "berry": "berry",
  "melon": "melon",
  "citrus/citrus fruit": "citrus",
  "tropical fruit/exotic fruit": "tropical",
  "stone fruit": "pit",
  "root vegetable/root/tuber/root crop": "growsUnderground",
  "leafy green/leafy vegetable/leafy greens/greens/salad green/leaf vegetable": "leafyGreen",
  "green vegetable": "vegetable&green",
  "legume/bean": "legume",
  "grain/cereal/cereal grain": "grain",
  "drink/beverage": "drinkable",
  "liquid/fluid": "liquid",
  "dessert/candy/sweet/meat/dairy/dairy product/baked good/junk food/nut/spice/condiment/seasoning/sauce/meal/drug/medicine":
    "none",
  "crop/agricultural product/farm product": "crop",
  "vehicle/mode of transportation/mode of transport/means of transportation/means of transport/form of transportation/form of transport/type of transportation/transportation/transport/conveyance/transportation vehicle/transportation device":
    "vehicle",
  "land vehicle/ground vehicle": "landVehicle",
  "motor vehicle/motorized vehicle/automotive vehicle": "engine&landVehicle",
  "watercraft/water vehicle/vessel/sea vessel/water transport/water transportation/marine vehicle": "waterVehicle",
  "aircraft/air vehicle/flying vehicle/flying machine/air transport/air transportation": "airVehicle",
  "public transportation/public transport/mass transit/public vehicle/form of public transportation/public transit": "publicTransport",
  "clothing/clothes/garment/apparel/attire/outfit/clothing item/article of clothing/piece of clothing/item of clothing/wardrobe item/clothing article/cloth":
    "clothing",
  "fashion item/wearable/wearable item/something wearable": "wearable",
  "footwear/shoe wear": "footwear",
  "headwear/headgear/head covering": "headwear",
  "outerwear": "outerwear",
  "underwear/lingerie/uniform/costume": "none",
  "accessory/fashion accessory": "accessory",
  "electronic device/electronic/electronics/electronic item/gadget/device/electrical device/electric device/technology/piece of technology/electronic gadget/digital device/electronic equipment/tech device/tech gadget/electronic appliance":
    "electronic",
  "appliance/home appliance/household appliance/electrical appliance/kitchen appliance/electric appliance": "appliance",
  "machine/machinery": "machine",
  "computer accessory/peripheral/computer peripheral": "peripheral",
  "computer part/computer component/part of computer": "computerPart",
  "screen/display": "screenThing",
  "musical instrument/instrument/music instrument/musical device/orchestral instrument/orchestra instrument/band instrument": "instrument",
  "string instrument/stringed instrument": "stringInstrument",
  "wind instrument": "windInstrument",
  "brass instrument": "brass",
  "woodwind instrument/woodwind": "woodwind",
  "percussion instrument/percussion": "percussion",
  "keyboard instrument": "keyboardInstrument",
  "furniture/piece of furniture/furnishing/furniture item/home furnishing/item of furniture": "furniture",
  "bedding": "bedding",
  "seat/seating": "seat",
  "office supply/office supplies/stationery/office item/stationary": "officeSupply",
  "office equipment": "office",
  "school supply/school supplies/school item": "schoolSupply",
  "writing instrument/writing utensil/writing tool/writing implement/writing device": "writingInstrument",
  "art supply/art supplies/art material/art tool/craft supply/art equipment/artist tool/art item/painting tool/painting supply": "artSupply",
  "tool/instrument tool/implement": "tool",
  "hand tool": "handTool",
  "power tool/electric tool": "powerTool",
  "garden tool/gardening tool/garden supply/gardening supply/gardening equipment/yard tool/garden equipment/lawn tool": "gardenTool",
  "construction tool/building tool/repair tool/carpentry tool/workshop tool": "construction",
  "kitchen tool/kitchen supply": "kitchenTool",
  "kitchen utensil/utensil/eating utensil": "utensil",
  "cutlery/silverware/flatware": "cutlery",
  "kitchen item/kitchenware/kitchen gadget/kitchen equipment/kitchen object": "kitchenItem",
  "cooking utensil/cooking tool/cooking equipment": "cooking&!appliance",
  "dish/dishes/dishware/tableware/crockery/serving dish": "dishware",
  "cookware/pots and pans": "cookware",
  "container/receptacle/storage container/holder": "container",
  "weapon/firearm/gun/explosive": "none", // a kitchen knife is a utensil, not a weapon
  "toy/plaything/childrens toy/kids toy/toy for kids/toy for children/childs toy": "toy",
  "game": "game",
  "board game/video game/card game": "none",
  "jewelry/jewellery/piece of jewelry/piece of jewellery/jewel/jewelry item": "jewelry",
  "gem/gemstone/precious stone/diamond/precious metal": "none",
  "sports equipment/sporting equipment/sporting good/sporting goods/sports gear/sports item/athletic equipment/sports accessory/piece of sports equipment/exercise equipment/fitness equipment/sport/sports/sports object/sports related item":
    "sportsEquipment",
  "ball/sports ball/type of ball": "ball",
  "art/artwork/work of art/piece of art/art piece/masterpiece/fine art/art form/form of art/artistic creation/piece of artwork/artistic work":
    "artwork",
  "craft": "artRelated",
  "natural object/natural thing/thing found in nature/natural item/nature/natural feature/natural resource/element of nature/part of nature/something natural":
    "natural",
  "geographical feature/geographic feature/geological feature/geological formation/landscape/natural landmark/terrain/place/location/area/region/natural formation/landscape feature/physical feature/geography":
    "geoFeature",
  "landform/land form/land feature": "landform",
  "body of water/water body/waterbody/water feature": "bodyOfWater",
  "space object/celestial body/space rock/heavenly body/celestial object/astronomical object": "fromSpace",
  "planet/star/comet/building/structure/landmark/monument/room/vehicle part/body part/organ": "none",
  "material/substance/chemical/element/mineral/metal": "none",
  "book": "book",
  "household item/household object/household good/home item/thing in house/domestic item/home good/home goods/household tool/home object/house item/household product/household thing":
    "foundInHome",
  "personal item/personal care item/personal hygiene item/hygiene product/toiletry/toiletries/bathroom item/grooming tool/hygiene item/personal care product/oral care product/dental product":
    "hygiene",
  "decoration/decor/ornament/decorative item/home decoration/decorative object": "decorative",
  "object/thing/item/physical object/solid object/material object/physical thing/man made object/manufactured object": "object",
  "tangible object/tangible thing/real object/real thing": "everything",
  "protective gear/protective equipment/safety equipment/safety gear/protective item": "protection",
  "power source/energy source/source of power/source of energy": "powerSource",
  "communication device/means of communication/communication tool": "communication",
  "timepiece/time keeping device/timekeeping device": "tellsTime",
  "mobile device/handheld device/portable device/portable electronic device/handheld electronic device/mobile": "Smartphone",
  "building block/building blocks/block/blocks/toy bricks/brick toy/construction toy/building toy/building set/construction set": "Lego",
  "three dimensional artwork/three dimensional art/3d art/3d artwork/3 dimensional art/statue/carving/three dimensional work of art": "Sculpture",
  "large vehicle/big vehicle/heavy vehicle": "Truck|Bus|Airplane|Train|Ship|Helicopter",
  "small vehicle/little vehicle/personal vehicle/light vehicle": "Motorcycle|Scooter",
  "mans best friend/man s best friend/best friend of man": "Dog",
  "king of jungle/king of beasts/king of animals": "Lion",
  "largest land animal/biggest land animal/largest animal on land/biggest animal on land/heaviest land animal": "Elephant",
  "source of milk/milk producer/dairy animal": "milk",
  "one piece garment/one piece/one piece outfit/one piece clothing": "Dress",
  "small table/side table/end table/bedside cabinet/little table": "Nightstand",
  "largest body of water/biggest body of water/largest water body": "Ocean",
  "body of fresh water/body of freshwater/freshwater body/fresh water body/freshwater lake": "freshWater",
  "body of salt water/body of saltwater/saltwater body": "saltWater",
  "brick/bricks/plastic brick/plastic bricks/plastic block/plastic blocks/toy block/toy blocks": "Lego",
  "pin/decorative pin/lapel pin/jewelry pin/brooch pin/ornamental pin": "Brooch",
  "winter clothing/winter wear/cold weather clothing/winter accessory": "warmth",
});

/** Adjectives and predicate phrases ("Is it X?"). */
export const ADJECTIVES = lexicon({
  "alive/living/live/still alive/breathing/sentient/conscious": "alive",
  "dead/extinct/mythical/fictional/imaginary/magical/fake": "none",
  "inanimate/non living/nonliving/not alive/not living/lifeless": "!alive",
  "edible/eatable/consumable/safe to eat/good to eat/tasty/delicious/food/something to eat/eaten/nutritious": "edible",
  "healthy/good for you/good for health/nutritious food": "healthy",
  "drinkable/potable": "drinkable",
  "man made/manmade/human made/artificial/synthetic/manufactured/handmade/hand made/made by humans/made by man/made by people/invented/an invention":
    "manMade",
  "natural/naturally occurring/found in nature/part of nature/organic/from nature/of natural origin/nature made": "natural",
  "electronic/digital/high tech/technological/electronical": "electronic",
  "electric/electrical/electrically powered/powered/electric powered/plugged in": "usesElectricity",
  "battery powered/battery operated/rechargeable/battery run/cordless": "usesBatteries",
  "motorized/motorised/motor powered/engine powered/gas powered/fuel powered": "motor",
  "mechanical": "machine",
  "handheld/hand held/held in hand/hand sized/palm sized": "handheld",
  "portable/movable/moveable/easy to carry/carriable/transportable/light enough to carry/easily carried": "portable",
  "heavy/very heavy/weighty": "heavy",
  "light/lightweight/light weight/not heavy": "!heavy",
  "big/large/tall/bigger than person/larger than person/bigger than human/larger than human": "big",
  "huge/giant/enormous/massive/gigantic/immense/very big/very large/colossal": "huge",
  "small/little/miniature/mini/compact/smaller than breadbox": "small",
  "tiny/very small/minuscule/microscopic/very tiny": "tiny",
  "pocket sized/pocket size/pocketable": "fitsInPocket",
  "round/circular/rounded/round shaped/circle shaped/disc shaped": "round",
  "spherical/ball shaped/sphere shaped/globe shaped/a sphere/sphere/orb shaped": "spherical",
  "flat/thin and flat": "flat",
  "rectangular/square/box shaped/rectangle shaped/square shaped/boxy/cuboid/cube shaped": "rectangular",
  "sharp/pointy/pointed/sharp edged/bladed/razor sharp": "sharp",
  "soft/squishy/cushioned/plush/cushy/padded/squashy/soft to touch": "soft",
  "fluffy": "fluffy",
  "furry/hairy/fur covered/covered in fur": "hasFur",
  "hard/rigid/sturdy/hard to touch/firm": "hard",
  "fuzzy": "fuzzy",
  "spiky/prickly/thorny/spiny/spiked/covered in spikes/covered in spines": "spiky",
  "sticky/adhesive/gooey": "sticky",
  "colorful/colourful/multicolored/multicoloured/multi colored/multi coloured/brightly colored/brightly coloured/vibrant/many colors":
    "colorful",
  "red/reddish/crimson/scarlet": "red",
  "green/greenish": "green",
  "yellow/yellowish/golden yellow": "yellow",
  "orange/orangish/orangey": "orangeColor",
  "white/whitish": "white",
  "brown/brownish/tan": "brown",
  "blue/bluish": "blue",
  "gray/grey/grayish/greyish/silver grey/silver gray": "gray",
  "purple/violet/purplish": "purple",
  "pink/pinkish": "pink",
  "black/blackish": "black",
  "transparent/clear/see through/translucent": "transparent",
  "sweet/sugary/sweet tasting": "sweet",
  "sour/bitter/spicy/savory/savoury/tangy": "none", // none is typically described so
  "salty/salt water/saltwater/made of salt water": "salty",
  "fresh water/freshwater": "freshWater",
  "juicy": "juicy",
  "crunchy/crispy/crisp": "crunchy",
  "leafy": "leafyGreen",
  "tropical": "tropical",
  "citrus/citrusy": "citrus",
  "wet/watery/fluid/a liquid/liquid/made of water/water": "liquid",
  "solid/a solid": "!liquid",
  "hot/warm when used": "hot",
  "loud/noisy/noise making": "makesSound",
  "expensive/costly/pricey/valuable/luxurious/pricy/worth lot of money": "expensive",
  "cheap/inexpensive/affordable/low cost": "!expensive",
  "dangerous/deadly/harmful/hazardous/ferocious/fierce/aggressive/risky": "dangerous",
  "poisonous/venomous/toxic": "none",
  "wild/untamed": "wildAnimal",
  "domestic/domesticated/tame/tamed": "domesticated",
  "carnivorous/meat eating": "carnivore",
  "herbivorous/plant eating/vegetarian": "herbivore",
  "omnivorous": "carnivore&eatsPlants",
  "endangered/rare animal": "endangered",
  "aquatic/marine/amphibious/nocturnal/venomous animal": "none",
  "wooden/made of wood/wood/timber": "wood",
  "metal/metallic/metal made/iron/steel/made of metal": "metal",
  "plastic/made of plastic/plasticky": "plastic",
  "glass/made of glass": "glass",
  "paper/cardboard/made of paper/paper based/paper made": "paperMade",
  "stone/rocky/made of stone/made of rock/rock": "stone",
  "leather/made of leather": "leather",
  "rubber/rubbery/made of rubber": "rubber",
  "ceramic/porcelain/china/clay": "ceramic",
  "fabric/cloth/cotton/woolen/woollen/knitted/textile/made of fabric/made of cloth": "fabric",
  "outdoor/outdoors/outside/found outside/found outdoors/used outside/used outdoors/an outdoor item/outdoor object": "outdoors",
  "indoor/indoors/inside/found inside/found indoors/used indoors/used inside": "indoors",
  "underground/subterranean/below ground/beneath ground/under ground": "growsUnderground",
  "underwater/in water": "water",
  "musical": "instrument",
  "decorative/ornamental/for decoration/pretty/beautiful": "decorative",
  "wearable": "wearable",
  "stationary/immobile/fixed in place/still": "!movesOnItsOwn",
  "real/existent/tangible/physical/real life/a real thing/visible": "everything",
  "striped/stripy": "stripes",
  "spotted/spotty": "spots",
  "four legged/4 legged/quadruped/quadrupedal": "fourLegs",
  "two legged/bipedal": "twoLegs",
  "legged": "legs",
  "winged": "wings",
  "wheeled": "wheels",
  "two wheeled/2 wheeled": "twoWheels",
  "four wheeled/4 wheeled": "fourWheels",
  "african/from africa/native to africa": "africa",
  "asian/from asia/native to asia": "asia",
  "raw/eaten raw/edible raw": "canEatRaw",
  "cooked/usually cooked/eaten cooked": "cookedBeforeEating",
  "for sale/sold in stores/purchasable/buyable/sold in shops/available in stores/store bought": "buyable",
  "seasonal/ripe/fresh/frozen": "none",
  "furniture": "furniture",
  "grown/cultivated/harvested/farmed/planted": "crop|plant",
  "fast/quick/speedy": "vehicle|Horse",
  "sweet and juicy": "sweet&juicy",
  "common/popular/well known/familiar/everyday/ordinary/regular/widely used/widely available/commonly used/commonly known/normal/typical/useful/important":
    "everything",
  "oval/oval shaped/egg shaped/oblong/elliptical/elongated": "oval",
  "foldable/folding/flexible/bendable": "foldable",
  "surrounded by land/landlocked/enclosed by land": "Lake",
  "openable": "opens",
  "long/lengthy/long and skinny/long and narrow": "long",
  "thin/skinny/slender/narrow/slim": "thin",
  "curved/bent/crescent shaped/curvy": "curved",
  "black and white/black with white": "blackAndWhite",
  "bouncy/springy": "bounces",
  "starchy": "starchy",
  "smelly/stinky/pungent/strong smelling": "smelly",
  "private/personal/secret/confidential": "private",
});

/** Places and settings ("found in X", "in X", "live in X"). */
export const PLACES = lexicon({
  "kitchen/kitchens/kitchen cabinet/kitchen drawer/pantry/cupboard": "kitchen",
  "house/home/household/households/residence/apartment/living space/everyday home/typical household/homes/houses/domestic setting/average home":
    "foundInHome",
  "bedroom/bedrooms/bed room": "bedroom",
  "bathroom/bathrooms/restroom/toilet/washroom/bath room": "bathroom",
  "living room/lounge/family room/den": "livingRoom",
  "office/offices/workplace/office setting/work/office building/desk drawer": "office",
  "desk/on desk/top of desk": "onDesk",
  "school/schools/classroom/classrooms/university/college/schoolbag": "school",
  "garden/gardens/yard/backyard/lawn/front yard/back yard/flower bed/vegetable garden": "garden",
  "garage/shed/workshop/garages/tool shed": "garage",
  "toolbox/tool box/tool kit/toolkit/hardware store": "construction",
  "farm/farms/barn/ranch/farmyard/pasture/field/fields/countryside": "farm",
  "zoo/zoos/safari": "zoo",
  "wild/wilderness/the wild": "wildAnimal",
  "jungle/rainforest/jungles/rain forest": "jungle",
  "savanna/savannah/africa/african savanna/grassland/grasslands/plains": "africa",
  "asia/india": "asia",
  "forest/woods/forests/woodland/woodlands": "forestHabitat",
  "desert/deserts": "desert",
  "ocean/sea/oceans/seas/open sea/open ocean/sea water": "waterVehicle",
  "water/lake/river/lakes/rivers/pond/body of water/near water/on water/in water": "water",
  "sky/air/clouds/sky above": "canFly",
  "space/outer space/universe/solar system/cosmos": "fromSpace",
  "nature/natural world/natural environment/natural habitat/outdoors in nature/environment": "natural",
  "outdoors/outside/open air/park/parks/street/streets/city/cities/town": "outdoors",
  "indoors/inside/indoor": "indoors",
  "underground/ground/soil/dirt": "growsUnderground",
  "earth/planet earth/this planet/our planet/world": "everything",
  "store/stores/shop/shops/mall/shopping mall/market/supermarket/grocery store/grocery/grocery stores/supermarkets/department store":
    "buyable",
  "museum/museums/art gallery/gallery/galleries/art museum/exhibition": "museum",
  "restaurant/restaurants/cafe/cafeteria/diner/dining room/dining table/table": "restaurant",
  "closet/wardrobe/closets/dresser": "closet",
  "pocket/pockets/purse/wallet/handbag/bag/backpack/pencil case": "fitsInPocket",
  "body/person/human body/people": "wearable",
  "road/roads/highway/highways": "road",
  "sports field/stadium/gym/playground/sports arena/arena/pitch/sports ground/gymnasium": "sportsEquipment",
  "court/tennis court/basketball court/volleyball court": "court",
  "golf course": "sportGolf",
  "baseball field/ballpark/baseball diamond": "sportBaseball",
  "orchestra/band/concert/concert hall/music store/music room/music class/studio/recording studio": "instrument",
  "airport/airports/airfield/runway": "airport",
  "harbor/harbour/port/marina/dock/docks/pier": "harbor",
  "train station/railway/railroad/train tracks/tracks/railway station": "rails",
  "bus stop/bus station": "publicTransport",
  "tree/trees/orchard/orchards": "growsOnTrees",
  "wall/walls": "hangsOnWall",
  "bed": "bedding",
  "refrigerator/fridge": "food",
  "hospital/church/library/bank/prison/hotel/airplane/car/space station": "none",
  "winter/cold weather/cold/winter time/wintertime/cold climate/cold climates/snow": "warmth",
  "stove/stovetop/oven/grill/burner/hob": "cookware",
  "beach/seaside/coast/shore/coastline": "water",
  "tropics/tropical climate/tropical climates/tropical regions/warm climates/hot climates/tropical countries": "tropical",
  "farmers market/produce section": "food",
  "art class/art studio/art room/art store/craft store": "artSupply",
});

/** Body parts ("worn on the X", "put it on your X"). */
export const BODY = lexicon({
  "head/top of head/skull/scalp": "wornOnHead",
  "hair": "wornInHair",
  "ear/earlobe/ears": "wornOnEars",
  "neck/throat/around neck/neck area": "wornOnNeck",
  "wrist/wrists/arm/arms/forearm": "wornOnWrist",
  "hand/hands": "wornOnHands",
  "finger/fingers": "wornOnFingers",
  "foot/feet/toes": "wornOnFeet",
  "leg/legs/lower body/lower half/bottom half/lower half of body/hips/bottom": "wornOnLegs",
  "waist/belly/stomach/midsection/waistline": "wornOnWaist",
  "torso/upper body/chest/top half/upper half/upper half of body/back/shoulders/trunk": "wornOnUpperBody",
  "body/whole body/entire body/person/skin": "wearable",
  "below waist/lower part of body/below belt": "wornOnLegs",
  "chin/below chin/shoulder/neck and shoulder": "Violin",
  "clothing/clothes/shirt/jacket/coat/lapel/dress/blouse/outfit": "Brooch",
  "face/eyes/nose/mouth/lips/ankle/ankles/knee/knees/elbow/eyebrows/tongue/teeth": "wornOnFace",
});

/** Materials ("made of X"). */
export const MATERIALS = lexicon({
  "metal/metals/steel/iron/aluminum/aluminium/brass/silver/gold/copper/stainless steel/tin/chrome/titanium": "metal",
  "wood/wooden/timber/lumber/bamboo/oak/pine": "wood",
  "plastic/plastics/vinyl/acrylic/polymer": "plastic",
  "fabric/cloth/cotton/textile/textiles/nylon/polyester/wool/silk/linen/denim/fibers/fibres/yarn/material/soft material": "fabric",
  "leather/animal skin/hide": "leather",
  "rubber/latex": "rubber",
  "glass": "glass",
  "ceramic/ceramics/porcelain/clay/china/pottery": "ceramic",
  "paper/cardboard/paper products/card/paperboard": "paperMade",
  "stone/rock/rocks/marble/granite/minerals/concrete": "stone",
  "water/liquid": "liquid",
  "natural materials/natural material/organic material/organic matter/plant material/living cells/cells/flesh/meat/living tissue/tissue":
    "natural",
  "electronics/electronic components/circuits/circuit boards/wires/chips/electronic parts": "electronic",
  "food/fruit/sugar/ice/snow/sand/gas/air/light/foam/feathers/hair": "none",
});

/** What something has ("Does it have X?"). */
export const HAS = lexicon({
  "wheel/wheels": "wheels",
  "two wheels/2 wheels": "twoWheels",
  "four wheels/4 wheels": "fourWheels",
  "more than two wheels/more than 2 wheels/more than four wheels/more than 4 wheels/lots of wheels": "wheels&!twoWheels&!fourWheels",
  "engine/engines/gas engine/combustion engine": "engine",
  "motor/motors/electric motor": "motor",
  "leg/legs": "legs",
  "four legs/4 legs": "fourLegs",
  "two legs/2 legs": "twoLegs",
  "six legs/eight legs/6 legs/8 legs/no legs": "none",
  "fur/hair/coat of fur/furry coat/soft fur": "hasFur",
  "wool": "wool",
  "feather/feathers/scales/fins/gills/beak/shell/antlers/hump/wing feathers/exoskeleton/gill": "none",
  "wing/wings": "wings",
  "tail/tails": "tail",
  "hoof/hooves/hoofs": "hooves",
  "paw/paws": "paws",
  "claw/claws/sharp claws": "claws",
  "mane": "mane",
  "stripe/stripes": "stripes",
  "spot/spots": "spots",
  "trunk": "trunk",
  "horn/horns": "horns",
  "tusk/tusks": "tusks",
  "whisker/whiskers": "whiskers",
  "tooth/teeth/sharp teeth": "teeth",
  "eye/eyes/face": "eyes",
  "screen/display/monitor/touchscreen/touch screen/lcd screen/digital display": "screen",
  "key/keys": "keys",
  "keyboard": "keyboardPart",
  "button/buttons": "buttons",
  "string/strings": "strings",
  "handle/handles": "handle",
  "blade/blades": "blade",
  "lid/lids": "lid",
  "cap/caps/cover cap": "cap",
  "cord/wire/cable/plug/power cord/cords/wires/cables/power cable": "plugsIn",
  "battery/batteries": "usesBatteries",
  "lens/lenses": "lens",
  "camera/cameras": "hasCamera",
  "door/doors": "doors",
  "window/windows": "windows",
  "seat/seats/seating": "seats",
  "steering wheel": "steeringWheel",
  "handlebar/handlebars": "handlebars",
  "seed/seeds": "seeds",
  "pit/stone/pits/single seed/big seed/large seed": "pit",
  "peel/skin that you peel": "peel",
  "rind": "rind",
  "leaf/leaves": "leaves",
  "root/roots": "roots",
  "thorn/thorns/spine/spines/needle/needles/prickle/prickles/spike/spikes": "spiky",
  "bark": "bark",
  "branch/branches": "branches",
  "drawer/drawers": "drawers",
  "shelf/shelves": "shelves",
  "mattress": "Bed",
  "cushion/cushions": "cushions",
  "back/backrest": "backrest",
  "sleeve/sleeves": "sleeves",
  "lace/laces/shoelace/shoelaces": "laces",
  "zipper/zippers/zip": "zipper",
  "pocket/pockets": "pockets",
  "brim": "brim",
  "chain": "chain",
  "ink": "ink",
  "eraser": "pencilEraser",
  "lead/graphite": "pencilEraser",
  "bristle/bristles": "bristles",
  "speaker/speakers": "speakers",
  "microphone": "calls",
  "remote/remote control": "remote",
  "timer": "timer",
  "bow": "bow",
  "mouthpiece": "windInstrument",
  "valve/valves": "Trumpet",
  "page/pages": "pages",
  "number/numbers/digits": "numbers",
  "picture/image/pictures/images/photo/photos": "picture",
  "color/colors/many colors/lots of colors/bright colors": "colorful",
  "juice/lot of juice": "juicy",
  "sugar": "sweet",
  "vitamins/nutrients/calories/fiber/protein": "food",
  "salt/salt water/saltwater": "saltWater",
  "fish/fishes/animals in it/living things in it": "bodyOfWater",
  "wave/waves": "waves",
  "tree/trees": "hasTrees",
  "peak/summit/peaks/snowy peak": "peak",
  "piece/pieces/parts/many pieces/lots of pieces": "pieces",
  "internet access/internet/wifi/internet connection/apps": "internet",
  "motor or engine/engine or motor": "motor",
  "moving parts": "machine",
  "propeller/rotor/rotors/propellers": "airVehicle",
  "flowers/blossoms/fruit/nuts": "none",
  "ring": "none",
  "lock": "none",
  "ear/ears/long ears/floppy ears/big ears": "animal",
  "crown/leafy crown/crown of leaves/spiky crown": "Pineapple",
  "slide": "Trombone",
  "reed": "Clarinet|Saxophone",
  "dimple/dimples": "Golf ball",
  "prong/prongs/tine/tines": "Fork|Rake",
  "hand/hands/clock hands": "Watch|Doll",
  "layer/layers": "Onion",
  "cob": "Corn",
  "pod/pods": "Peas",
  "stalk/stalks/stem/stems": "Celery|Corn|Broccoli",
  "tube": "Toothpaste",
  "potassium": "Banana|Potato",
  "vitamin c/vitamin": "fruit|Broccoli|Tomato",
  "milk": "milk",
  "strap/band/wristband": "Watch|Helmet",
  "frame": "Painting|Bed",
  "net": "none",
  "pin/clasp": "Brooch|Necklace|Bracelet|Locket",
  "buckle": "Belt",
  "freezer/freezer compartment/ice maker": "Refrigerator",
  "spout/nozzle": "Watering can",
  "surface/flat surface/top/tabletop/flat top/work surface": "Table|Desk|Nightstand|Dresser",
  "cars/carriages/wagons/passenger cars/compartments/coaches/multiple cars/many cars": "Train",
  "skin/outer skin/skins": "skin",
  "smell/scent/odor/odour/aroma/strong smell/strong odor": "smelly",
  "picture inside/photo inside/photograph inside/picture in it/photo in it": "Locket",
});

/** What a thing needs or runs on ("Does it use/need/run on X?", "powered by X"). */
export const NEEDS = lexicon({
  "electricity/power/electric power/electrical power/energy/power source/outlet/power outlet/plug/electric current/current/electrical outlet/electricity to work/power to work/electricity to function/electricity to run/power to run/electric energy/electrical energy":
    "usesElectricity",
  "to be plugged in/plugged in/plugging in/be plugged in/to plug in": "plugsIn",
  "batteries/battery/battery power/aa batteries/batteries to work/batteries to function/battery to work": "usesBatteries",
  "charging/to be charged/charged/recharging/be charged/charge": "usesBatteries",
  "gas/gasoline/fuel/petrol/diesel/oil/gas to run/fuel to run/motor/engine/fossil fuels": "engine",
  "water/watering/to be watered/watered/water to live/water to survive/water to grow": "alive",
  "sunlight/sun/sunshine/light/light to grow/sunlight to grow": "needsSunlight",
  "soil/dirt/earth": "plant",
  "food/food to survive/to eat/air/oxygen/sleep/to breathe/food to live": "animal",
  "internet/wifi/internet connection": "internet",
  "ink": "ink",
  "wind": "wind",
  "to be cooked/cooked/cooking/to be cooked before eating/cooking before eating/to be cooked first": "cookedBeforeEating",
  "to be peeled/peeled/peeling": "peel",
  "person to operate/driver/human to operate/someone to use/person to use/human operation/pilot": "manMade",
  "to be worn/wearing": "wearable",
  "to be refrigerated/refrigeration/to be kept cold": "none",
  "to be sharpened/sharpening/sharpened": "sharpenable",
});

/** Media something travels on ("Does it go/travel/run on X?"). */
export const TRAVEL = lexicon({
  "water/sea/ocean/oceans/seas/lakes/rivers/waterways/waves/water surface/surface of water": "waterVehicle",
  "land/ground/dry land": "landVehicle",
  "road/roads/street/streets/highway/highways/pavement/asphalt": "road",
  "tracks/track/rails/rail/train tracks/railroad/railroads/railway/railways/railroad tracks/railway tracks": "rails",
  "air/sky/clouds": "canFly",
  "snow/ice/sand/underwater/underground": "none",
  "wheels": "wheels",
  "electricity/gas/fuel/batteries": "none",
});

/** What an animal eats ("Does it eat X?"). */
export const DIET = lexicon({
  "meat/other animals/animals/flesh/prey/mice/rodents/small animals/birds/raw meat": "carnivore",
  "plants/vegetables/fruit/fruits/leaves/berries/greens/vegetation/seeds/nuts/plant/plant matter/honey": "eatsPlants",
  "grass/hay/oats/carrots/grain/straw/clover/bamboo": "herbivore",
  "fish/salmon": "Bear|Cat",
  "insects/bugs/people/humans/worms": "none",
});

/** Where a thing grows ("Does it grow on/in X?"). */
export const GROW_PLACES = lexicon({
  "tree/trees/branches": "growsOnTrees",
  "vine/vines/climbing plant": "vine",
  "ground/underground/soil/dirt/below ground/earth/under ground/roots": "growsUnderground",
  "garden/gardens/backyard/yard": "garden&grows",
  "farm/farms/field/fields/orchard": "crop",
  "desert/deserts/dry places/arid areas": "desert",
  "tropics/tropical climate/tropical climates/warm climates/hot climates/tropical regions/warm places": "tropical",
  "bush/bushes/plant/plants/stalk/stalks/stem": "crop&!growsOnTrees",
  "water/ocean/sea": "none",
});

/** Purposes, activities and topics ("used for X", "used to X", "related to X"). First word as a base verb. */
export const PURPOSES = lexicon({
  "cook/cooking/food preparation/prepare food/make food/bake/fry/boil/prepare meals/make meals/cook food/cook meals/stir fry/make dinner/kitchen/kitchen work":
    "cooking",
  "heat/heat food/heat up food/warm up food/reheat/reheat food/warm food/microwave food/heat things/warm things up": "heatsFood",
  "eat/eating/meals/dining/eat food/eat meals/eat with/eat dinner/eat soup/eat cereal": "eating",
  "serve/serve food/hold food/carry food/present food/put food on": "dishware",
  "drink/drinks/hold drinks/drink coffee/drink tea/beverages/drink water/drinking liquids/hold liquid for drinking": "drinking",
  "food/food storage": "foodRelated",
  "store food/keep food/keep food cold/keep food fresh/preserve food/cool food/chill food/cooling/refrigeration/keep things cold/keep cold/freeze/freeze food/keep drinks cold/cool things":
    "keepsCold",
  "write/writing/take notes/note taking/write notes/write things/write on paper/write letters/write down/jot down": "writing",
  "write on/write in": "writeOn",
  "draw/drawing/sketch/sketching/draw pictures/make drawings/doodle": "drawing",
  "paint/painting/paint pictures/apply paint/make paintings/paint on/create paintings": "painting",
  "art/arts/arts and crafts/crafts/craft/make art/create art/artwork/artistic purposes/art projects/art class/creativity/creative purposes":
    "artRelated",
  "cut/cut things/chop/slice/trim/cut stuff/cut objects/sever/cut through things": "cutting",
  "cut food/chop food/slice food/chop vegetables/cut vegetables/slice bread/cut meat/cut bread/slice vegetables": "cutsFood",
  "cut paper/cut paper into shapes/cut fabric/cut cloth/cut hair/cut string/cut tape": "cutsPaper",
  "cut wood/saw wood/cut lumber/cut boards/cut logs/cut trees/cut down trees/cut through wood/saw": "sawing",
  "cut grass/mow/mow lawn/cut lawn/trim lawn/trim grass/lawn care/mowing/maintain lawn/keep lawn short": "mowing",
  "clean/cleaning/wash/cleanliness/clean things/washing": "cleaning",
  "hygiene/personal hygiene/dental hygiene/brush teeth/clean teeth/dental care/oral hygiene/teeth/personal care/grooming/brushing/oral care/dental health/keep teeth clean/brush your teeth/bathroom use":
    "hygiene",
  "team sport/team sports/team game/team games/team activity": "teamSport",
  "sport/sports/exercise/athletics/fitness/play sports/physical activity/athletic activities/ball games/athletic purposes/games/sporting events/competition/training/working out/physical education/gym class":
    "sports",
  "entertainment/fun/leisure/recreation/have fun/entertain/amusement/enjoyment/hobby/hobbies/relaxation and fun/enjoy/pleasure/entertaining people/amuse":
    "entertainment",
  "play/playing/play games/play with/playtime/play with kids": "playable",
  "communicate/communication/talk/talk to people/text/texting/messaging/keep in touch/contact people/send messages/stay in touch/socialize/social media":
    "communication",
  "call/calls/make calls/make phone calls/phone calls/call people/calling people/make call": "calls",
  "music/make music/play music/produce music/create music/perform music/musical purposes/play songs/make sounds/make sound/produce sound/musical performance/concerts/playing in band":
    "music",
  "listen/listen to music/listen to sounds/listen to audio/hear music/hear/listen to songs/listen to podcasts/audio/listening to music": "listening",
  "transport/transportation/travel/get around/commute/move people/carry people/carry passengers/go places/move around/get from place to place/get places/transport people/travel long distances/taking people places/move from place to place/moving people/get to places/drive/driving/journeys/trips/traveling long distances/passengers":
    "vehicle",
  "carry cargo/carry goods/transport goods/move things/shipping/deliveries/delivery/haul/hauling/carry heavy loads/carry heavy things/move goods/transport cargo/transport things/carry things/carry stuff":
    "carriesCargo|container",
  "fly/flying/fly in sky/aviation/flights/air travel": "canFly",
  "ride/riding/horseback riding/ride on": "rideable",
  "sail/sailing/boating/fishing/cross ocean/cross water/travel on water": "waterVehicle",
  "sleep/rest/nap/lie down/sleep on/resting/relaxing/relax/relaxation/comfort/being comfortable/lounging/lounge": "sleeping|cushions",
  "sit/sit on/seating/sit down/sitting down/sit in": "sitOn",
  "store/storage/store things/hold things/organize/organization/keep things/put things/put things in/store stuff/keep things in/store items/organize things/contain things/store books/hold books/keep books/store clothes/keep clothes/display books":
    "storage|container",
  "hold water/hold liquid/hold liquids/carry water/contain liquid/contain water/pour/pour water/pour liquids/hold soup": "holdsLiquid",
  "water plants/water/water flowers/water garden/give water to plants/watering/watering plants": "watering",
  "decoration/decorate/decor/adornment/adorn/beauty/look nice/look good/show off/display/decorate home/decorative purposes/look pretty/aesthetic/aesthetics/beautify/hang on wall":
    "decorative",
  "fashion/style/dress up/accessorize/wear/wearing/cover body/covering body/get dressed/clothing/dressing": "wearable",
  "protect/protection/safety/defense/keep safe/safety purposes/protect yourself/protect people": "protection",
  "protect head/protect your head/head protection/keep head safe": "protection&wornOnHead",
  "protect hands/protect your hands/hand protection/keep hands clean": "protection&wornOnHands",
  "keep warm/warmth/stay warm/keep you warm/keep person warm/keeping warm/cold weather/winter/keep body warm/warm up/warm/keep people warm":
    "warmth",
  "garden/gardening/yard work/landscaping/planting/plant things/grow plants/farming/agriculture/plants/growing plants/taking care of plants/gardening purposes/outdoor work/yard":
    "gardening",
  "dig/digging/dig holes/dig dirt/dig soil/move dirt/shovel snow": "digging",
  "rake leaves/gather leaves/collect leaves/rake/raking": "raking",
  "construction/build/build things/repair/repairs/fix/fix things/carpentry/woodworking/home improvement/diy/maintenance/handyman work/work on cars/mechanics/building/make things/assemble/assemble things/put things together/home repairs/fix stuff/repair things/construct/construct things/building things/fixing things/build houses":
    "construction",
  "hammer/hammer nails/hit nails/drive nails/nails/pound nails/nail/pound": "hammering",
  "screw/screws/tighten screws/turn screws/screw in/screw things/drive screws/loosen screws/put in screws": "screws",
  "bolt/bolts/tighten bolts/turn bolts/nuts/loosen bolts/plumbing/tighten nuts/loosen nuts/tighten things/loosen things/turn nuts": "bolts",
  "grip/grab/hold things tightly/bend wire/pinch/hold small objects/grip things/bend things/hold things firmly/cut wire": "gripping",
  "drill/make holes/drill holes/bore holes/hole/holes/make hole": "drilling",
  "hit/hit ball/hit balls/hit things/strike/strike ball/swing/hit something/hit objects": "hittingTool",
  "throw/throwing/be thrown/catch/catching/pass": "throwable",
  "kick/kicking/be kicked": "kickable",
  "tell time/timekeeping/keep time/know time/check time/measure time/see time/show time/tell what time it is/time/know what time it is/read time":
    "tellsTime",
  "keep track of time/track time/dates/keep track of dates/schedule/scheduling/plan/plans/planning/appointments/organize time/organizing schedule/remember dates/keep track of days/keep track of appointments/organize schedule/see date/know date/date/days/events/track days/track dates/time management":
    "timeRelated",
  "record thoughts/journaling/journal/keep memories/write thoughts/keep secrets/record/write down thoughts/write about day/memories/record memories":
    "planning",
  "math/calculate/calculations/arithmetic/count/counting/numbers/do math/solve math problems/solve problems/compute/computation/add numbers/mathematics/accounting/sums":
    "math",
  "photography/take pictures/take photos/photos/pictures/capture images/record video/filming/capture moments/take photographs/take photo/take picture/selfies/record videos/make videos/film":
    "photos",
  "technology/tech/electronics/computing/work on computer/data/information/browse/browse web/internet/go online/surf internet/email/access internet":
    "electronic",
  "computer/computers/computer use/use computer/typing on computer/control computer": "peripheral|typing",
  "school/education/learning/studying/study/homework/teaching/class/school work/schoolwork/learn": "school",
  "office/office work/business/work/working/job/paperwork": "office",
  "read/reading/read books/look up information": "readable",
  "watch/watching/watch tv/watch movies/watch videos/watch shows/view/viewing/see images/display images/show pictures/display pictures/see things/see pictures/look at pictures/view images/view photos/watch television/movies/videos":
    "displaysVideo",
  "print/printing/print documents/print paper/make copies/copy/print photos/print pictures": "printing",
  "type/typing/type words/write on computer/enter text/input text/input": "typing",
  "erase/erasing/erase mistakes/correct mistakes/fix mistakes/remove pencil marks/rub out/remove marks/erase pencil marks/fix errors/undo mistakes/remove mistakes/remove writing":
    "erasing",
  "stick/stick things together/glue things/attach/attach things/join/join things/bind/staple/staple paper/staple papers/hold paper together/connect things/glue/hold papers together/adhere/bond/bond things/fix things together/fasten papers/attach papers/hold things together/put things together with glue/connect paper/keep papers together":
    "joining",
  "fasten/fastening/hold in place/keep in place/secure/secure things/clip/clip things": "fastening",
  "hold hair/hold hair back/keep hair in place/style hair/hair/hair styling/hold up hair/keep hair back/put hair up/clip hair/do hair/decorate hair":
    "wornInHair",
  "hold up pants/keep pants up/hold pants up/hold up trousers/keep trousers up": "wornOnWaist",
  "power/energy/power devices/power things/provide power/provide energy/store energy/electricity/supply power/power electronics/power gadgets/power toys/make things work/provide electricity/supply energy/run devices/power remote":
    "powerSource",
  "unlock/lock/open doors/open door/open locks/open lock/open things/security/start car/lock doors/lock door/unlock doors/unlock door/get into house/get in house/access/open car/start engine/lock things/unlock things":
    "unlocking",
  "mix/blend/stir/whisk/beat eggs/mix ingredients/whip/whip cream/puree/crush ice/make drinks/beat/mix food/stir food/blend food/mix batter/mix things":
    "mixing",
  "make smoothies/smoothies/smoothie/make smoothie/make milkshakes/milkshakes/make shakes/blend fruit": "smoothies",
  "children/kids/babies/toddlers/kid/child/young children/little kids/little children/boys/girls/young kids": "children",
  "animals/pets": "none",
  "health/stay healthy": "healthy",
  "medicine/medical/medical purposes/science/research/experiments/religion/worship/money/payment/navigation/directions/lighting/illumination/light/provide light/see in dark/hunt/hunting/killing/weapon/weapons/fighting/war/attack/self defense/swim/swimming/bathing/shower/camping/hiking/fishing line/sewing/knitting/cleaning dishes/do laundry/laundry/dry hair/comb hair/brush hair/shave/shaving/makeup/wash dishes/vacuum/sweep/mop/iron clothes":
    "none",
  "baseball/playing baseball/baseball game/baseball games": "sportBaseball",
  "tennis/playing tennis/tennis game/tennis matches": "sportTennis",
  "golf/playing golf/golfing/golf game": "sportGolf",
  "soccer/playing soccer/soccer game/soccer games/association football": "sportSoccer",
  "basketball/playing basketball/basketball game/basketball games": "sportBasketball",
  "football/american football/playing football/football game/football games": "sportFootball",
  "volleyball/playing volleyball/volleyball game/beach volleyball": "sportVolleyball",
  "jewelry/accessory/accessorizing/adorning body/jewellery": "accessory",
  "walk/walking/walk on/protect feet/cover feet/running/run/hiking boots": "footwear",
  "carry/carrying/holding": "portable",
  "animals/feeding animals": "none",
  "nature/environment": "natural",
  "water related/water activities": "water",
  "cry/crying": "makesYouCry",
  "race/racing/races/horse racing/car racing/motor racing/speed": "Horse|Car|Motorcycle",
  "public transportation/public transport/mass transit/public transit": "publicTransport",
  "personal transportation/personal transport/private transportation/commuting to work/family transportation": "Car|Motorcycle|Scooter",
  "keep hands warm/warm hands/keep your hands warm/warm your hands/protect hands from cold": "warmth&wornOnHands",
  "keep feet warm/warm feet/keep your feet warm": "warmth&wornOnFeet",
  "keep head warm/warm head/keep your head warm": "warmth&wornOnHead",
  "keep neck warm/warm neck/keep your neck warm": "warmth&wornOnNeck",
  "make ketchup/ketchup/make tomato sauce/tomato sauce/make salsa/salsa/make pasta sauce": "Tomato",
  "make pickles/pickles/pickle": "Cucumber",
  "make wine/wine/make raisins/raisins/winemaking/make grape juice": "Grape",
  "make french fries/french fries/fries/chips/make chips/make mashed potatoes/mashed potatoes/make vodka": "Potato",
  "make popcorn/popcorn/make tortillas/tortillas/cornmeal/make corn flakes/corn syrup": "Corn",
  "make juice/juice/make orange juice/orange juice": "Orange|Apple|Grape|Pineapple",
  "make pies/pies/make pie/pie/make cider/cider/apple sauce/applesauce": "Apple|Peach",
  "make jam/jam/make jelly/jelly": "Strawberry|Grape|Peach",
  "make guacamole/guacamole": "none",
  "blow/blow into/blowing": "blowInto",
  "strum/pluck/strumming/plucking": "stringInstrument",
  "bang/beat on/drum/drumming/tap/hit with sticks/hit with drumsticks/percussion": "percussion",
  "climb/climbing": "climbable",
  "lie on/lay on/lie down on": "lieOn",
  "open/opening": "none",
  "protection from sun/shade/protect from sun/block sun": "wornOnHead&!protection&!wornInHair&!wornOnEars",
  "hang/hang things/hanging": "hangsOnWall",
});

/** Users ("used by X", "for X"). */
export const USERS = lexicon({
  "children/kids/babies/toddlers/kid/child/young children/little kids/boys/girls": "children",
  "musicians/musician/bands/orchestras/band/orchestra/performers": "instrument",
  "artists/artist/painters/painter/sculptors/art students/illustrators": "artRelated",
  "chefs/chef/cooks/cook/bakers": "cooking|kitchenItem",
  "athletes/athlete/players/sports players/sportsmen/teams/sports teams/team": "sports",
  "students/student/teachers/teacher/schoolchildren/pupils": "school",
  "office workers/businesspeople/business people/secretaries/workers in office/employees/accountants": "office",
  "gardeners/gardener/farmers/farmer/landscapers": "gardening",
  "carpenters/carpenter/builders/builder/construction workers/mechanics/mechanic/plumbers/handymen/handyman/electricians/workers/craftsmen":
    "construction",
  "drivers/pilots/travelers/passengers/commuters/tourists": "vehicle",
  "photographers/photographer": "photos",
  "doctors/nurses/soldiers/police/scientists/dogs/animals/cats": "none",
  "women/ladies/girls and women": "jewelry|Dress|Skirt",
});

/** "a type of X" where X is an object name but the question asks for its kind ("Are boots a type of shoe?"). */
export const KIND_OF = lexicon({
  "shoe/shoes": "Shoes|Boots",
  "boat/boats": "Boat|Ship",
  "cat/cats": "feline",
  "dog/dogs": "canine",
  "table/tables": "Table|Desk|Nightstand",
  "marker/markers": "Marker|Sharpie",
  "rock/rocks/stone/stones": "Rock|Meteorite",
});

/** Who or what made something ("made by humans", "created by an artist"). */
export const MAKERS = lexicon({
  "human/humans/people/man/mankind/person/persons/hand/machine/machines/factory/factories/someone/humankind/company/companies/workers/engineers/manufacturer":
    "manMade",
  "artist/artists/painter/painters/sculptor/sculptors/craftsman/artisan/artisans": "artwork",
  "nature/natural processes/god/earth/erosion/geological processes/volcano/volcanoes/water/wind/time": "natural",
  "animals/bees/birds/plants/trees": "natural",
});

/** Which thing it is used with ("used with a toothbrush"). */
export const USED_WITH = lexicon({
  "toothbrush": "Toothpaste",
  "toothpaste": "Toothbrush",
  "computer/computers/pc/laptop/desktop": "peripheral",
  "paper/papers/notebook/notebooks": "Pen|Pencil|Stapler|Printer|Scissors|Glue|Sharpie|Marker|Eraser",
  "pencil/pencils": "Eraser|Paper",
  "pen/pens/marker/markers": "Paper",
  "paint/paints/oil paint/watercolors": "Paintbrush|Canvas",
  "canvas/paintbrush": "Paintbrush|Canvas",
  "bat/baseball bat": "Baseball|Helmet",
  "baseball/ball/balls": "Baseball bat|Tennis racket",
  "racket/racquet/tennis racket": "Tennis ball",
  "tennis ball": "Tennis racket",
  "nail/nails": "Hammer",
  "screw/screws": "Screwdriver|Drill",
  "bolt/bolts/nut/nuts": "Wrench|Pliers",
  "food/meal/meals": "cutlery|dishware|Chopstick",
  "fork": "Knife|Plate",
  "knife": "Fork",
  "plate": "Fork|Knife",
  "bed": "Pillow|Mattress",
  "pillow/mattress": "Bed",
  "phone/smartphone/music/ipod/music player": "Headphone",
  "monitor/keyboard/mouse": "Computer",
  "stove/oven/fire/cooking": "cookware",
  "water": "holdsLiquid",
  "drill": "screws",
  "car/cars/vehicle": "Key",
  "lock/door/doors/locks": "Key",
  "devices/remote/remotes/toys/flashlight/electronics/gadgets": "Battery",
  "belt loops/pants/trousers/jeans": "Belt",
  "shoes/boots": "Socks",
  "socks": "Shoes|Boots",
  "hair": "Hairclip",
  "plants/garden/flowers": "gardenTool",
});

/** How an instrument or game is played ("played with a bow", "played by blowing"). */
export const PLAY_WITH = lexicon({
  "stick/sticks/drumsticks/drum sticks/mallet/mallets/hands and sticks": "percussion",
  "bow": "bow",
  "mouth/lips/breath/blowing/blowing air/blow/air": "blowInto",
  "keys/keyboard": "keys&instrument",
  "strings/plucking/strumming/pick/fingers and strings": "stringInstrument",
  "ball/balls": "sports",
  "racket/racquet/bat/club": "ball",
  "friends/team/others/other people/kids/children": "playable",
});

/** What something looks like ("Does it look like X?"). */
export const LOOKS_LIKE = lexicon({
  "person/human/human being/people/baby/little person/girl/boy/child": "Doll",
  "animal/real animal/bear/teddy bear/toy animal": "Stuffed animal",
  "tree/small tree/little tree/tiny tree/miniature tree/trees": "Broccoli",
  "ball/sphere/circle": "spherical",
  "box/rectangle": "rectangular",
  "cat/big cat/house cat": "feline",
});

/** Things done to the object ("Can you X it?", "Do people X it?", "Is it X-ed?"), pronoun removed. */
export const YOU_VERBS = lexicon({
  "eat/consume/eat as food/eat as snack/snack on/taste/bite/chew/digest": "edible",
  "eat raw/eat uncooked/eat fresh/eat without cooking/eat straight/eat whole": "canEatRaw",
  "eat cooked/cook before eating/cook first/cook and eat/boil/bake/fry/roast/mash": "cookedBeforeEating",
  "cook/cook with/prepare": "edible|cooking",
  "drink/sip/drink from/drink out of/drink with/pour drinks into": "drinking|drinkable",
  "wear/put on/dress in/wear every day/wear daily/wear outside/wear as accessory": "wearable",
  "ride/ride on/ride in/get on/travel in/travel on/travel with/go places in/commute with": "rideable",
  "drive/steer": "drivable",
  "pilot/operate/control": "drivable|airVehicle",
  "fly": "canFly",
  "sail/row/paddle/float on": "waterVehicle",
  "sit on/sit upon/sit down on": "sitOn",
  "sit in/sit inside": "sitIn",
  "sit at/work at/work on/eat at": "Desk|Table",
  "sleep on/sleep in/sleep with/rest on/rest head on/lay head on/nap on": "sleeping",
  "lie on/lay on/lie down on/lay down on/lie in": "lieOn",
  "play/play with/play on/have fun with/entertain with/play game with/play games with/play sport with/play sports with": "playable",
  "play music with/play music on/make music with/make music on/play song on/play songs on/perform with/perform music with": "instrument",
  "hold/hold in hand/hold with hand/hold in hands/hold in palm/hold in one hand/hold with one hand/hold in palm of hand/grip/grasp/carry in hand/hold easily/hold in your hand/hold by hand":
    "handheld",
  "carry/carry around/carry with/lift/pick up/move/transport/lift up/lift with one hand/carry by yourself/move by yourself/lift by yourself/move around/bring/take with/take anywhere/bring with/take around/carry easily/lift easily/pick up easily":
    "portable",
  "carry in pocket/put in pocket/fit in pocket/keep in pocket/store in pocket/hold in pocket/carry in purse/put in purse/keep in purse/keep in wallet": "fitsInPocket",
  "hug/cuddle/snuggle/snuggle with/hug it/cuddle with/sleep with at night": "cuddly",
  "pet/stroke/touch fur/pat": "domesticated",
  "keep as pet/have as pet/own as pet/get as pet/adopt/own/keep at home/have at home/keep in house/keep indoors/keep as house pet/have as house pet":
    "pet",
  "tame/train/domesticate/teach tricks/house train/ride horseback": "domesticated",
  "milk": "milk",
  "shear/get wool from": "wool",
  "climb/climb up/hike/hike up/climb on/scale": "climbable",
  "swim in/swim/fish in/dive in/bathe in/sail on/boat on/paddle in": "bodyOfWater",
  "visit/go to/travel to/explore/walk through/walk in/hike through/camp in/get lost in": "geoFeature",
  "throw/catch/toss/pass/throw around": "throwable",
  "kick/kick around": "kickable",
  "hit/strike/smash/serve/hit with racket/hit with bat/hit with club/volley/spike/swing at/bat/putt": "hittable",
  "hit with/hit things with/hit ball with/hit balls with/strike with/swing": "hittingTool",
  "bounce": "bounces",
  "roll": "spherical",
  "turn on/switch on/turn off/switch off/power on/power off/start up/boot up/power up/operate with button": "usesElectricity",
  "plug in/plug into wall/plug into outlet/connect to outlet/connect to power": "plugsIn",
  "charge/recharge/charge up": "usesBatteries",
  "read/read from/look up words in/look up in": "readable",
  "write with/write using/sign with/write things with/take notes with/mark with/label with": "writingInstrument",
  "write on/write in/take notes on/take notes in/draw in/scribble on/jot notes in/jot down notes in": "writeOn",
  "draw on/paint on/sketch on/make art on/create art on/draw pictures on": "paintOn",
  "paint with/apply paint with/paint pictures with": "painting",
  "draw with/sketch with/color with/colour with/doodle with/draw pictures with": "drawing",
  "cut with/chop with/slice with/cut things with/cut food with/carve with": "cutting",
  "eat with/eat food with/pick up food with/scoop food with/eat soup with/eat rice with": "eatWith",
  "eat off/eat from/eat out of/serve food on/serve food in/put food on/put food in/eat food off/eat food from/put soup in/pour soup into":
    "eatFrom",
  "hang/hang on wall/hang up/frame/put on wall/display on wall/mount on wall": "hangsOnWall",
  "listen to/listen with": "music",
  "listen to music with/listen to music on/hear music with/listen to songs with": "listening",
  "watch/see pictures on/watch videos on/watch movies on/watch shows on/watch tv on/see images on/look at screen of": "displaysVideo",
  "grow/plant/farm/harvest/cultivate/grow in garden/grow at home/pick/pick from tree/pick from plant": "crop|plant",
  "peel/peel before eating/peel skin off": "peel",
  "sharpen": "sharpenable",
  "buy/purchase/get at store/buy at store/buy in store/buy in shop/buy at supermarket/buy in supermarket/get from store/sell/order online/buy online/shop for":
    "buyable",
  "fill/fill with water/fill with liquid/pour water into/pour into/pour from/pour out of/put water in/pour liquids into/fill up": "holdsLiquid",
  "put things in/store things in/keep things in/put stuff in/store stuff in/store food in/keep food in/put food inside/put clothes in/put books on/store books on/keep books on/store items in/put objects in":
    "storage|container",
  "blow into/blow/blow through/blow in/breathe into": "blowInto",
  "strum/pluck/strum strings/pluck strings/play with bow/bow": "stringInstrument",
  "bang/beat/tap/drum/hit with sticks/bang on/beat on/tap on/hit with drumsticks": "percussion",
  "type on/type with/type/type letters with/type words with": "typing",
  "unlock/lock/open door with/open doors with/lock door with/unlock door with/open lock with/start car with/open with/use to open door/use to open doors":
    "unlocking",
  "call/make calls with/make phone calls with/text with/call people with/talk to people with/call someone with/text someone with/send messages with/talk on":
    "calls",
  "take pictures with/take photos with/take photographs with/photograph with/film with/record with/take selfies with/take videos with/capture images with":
    "photos",
  "print with/print documents with/make copies with": "printing",
  "erase with/erase mistakes with/rub out with/correct mistakes with/fix mistakes with": "erasing",
  "staple with/staple paper with/glue/stick things with/glue things with/attach things with/stick paper with/stick together with/attach with/stick with/glue paper with":
    "joining",
  "dig with/dig holes with/shovel/dig in garden with/move dirt with": "digging",
  "rake/rake leaves with/rake leaves/gather leaves with": "raking",
  "mow/mow lawn with/cut grass with/mow grass with/mow lawn/trim lawn with": "mowing",
  "water plants with/water flowers with/water garden with": "watering",
  "hammer/hammer nails with/hit nails with/pound nails with/drive nails with": "hammering",
  "screw/turn screws with/tighten screws with/screw in/loosen screws with/drive screws with": "screws",
  "tighten bolts with/loosen bolts with/turn bolts with/tighten nuts with/grip bolts with/tighten with/loosen with": "bolts",
  "grip with/grab with/hold things with/bend wire with/pinch with/grip things with/pull nails with": "gripping",
  "drill/drill holes with/make holes with/drill into wall with/drill with/bore holes with": "drilling",
  "mix with/stir with/whisk with/blend with/beat eggs with/mix ingredients with/whip cream with/stir food with/mix food in/blend food in": "mixing",
  "make smoothies with/make smoothies in/blend fruit in/make milkshakes with/make milkshake in": "smoothies",
  "cook in/cook food in/boil water in/fry food in/fry in/boil in/make soup in/heat food in/saute in/stew in/heat in/warm food in/cook on/fry eggs in":
    "cooking&!utensil",
  "use/utilize/make use of": "manMade",
  "see/look at/spot/touch/find/notice/observe/recognize": "everything",
  "hear": "makesSound",
  "smell/lick": "none",
  "recycle": "none",
  "calculate with/do math with/add numbers with/solve math with/solve problems with/count with/calculate": "math",
  "tell time with/check time with/see time on/tell time/check time on/know time with": "tellsTime",
  "plan with/schedule with/keep track of dates with/keep track of time with/check date on/see date on/write appointments in/look at date on": "timeRelated",
  "brush teeth with/clean teeth with/brush with/put on toothbrush": "hygiene",
  "clean with/wash with/scrub with": "cleaning",
  "decorate with/decorate home with/decorate room with/decorate house with/adorn with/decorate yourself with": "decorative",
  "store in fridge/keep in fridge/refrigerate": "food",
  "fold/fold up": "foldable",
  "put picture inside/put picture in/put photo inside/put photo in/keep picture in/keep photo in/store picture in/put photograph in": "Locket",
  "open/open up": "opens",
  "put pieces together/put together/assemble/build/build with/solve/complete/build things with/snap together/connect pieces": "pieces",
  "hit over net/hit back and forth/hit across net": "Volleyball|Tennis ball",
  "pin/pin to clothing/pin on clothing/pin on shirt/pin to shirt/pin on/attach to clothing": "Brooch",
  "clip/clip to hair/clip in hair/clip onto hair/put in hair": "Hairclip",
  "put next to bed/place next to bed/keep next to bed/find next to bed/put beside bed/place beside bed/find beside bed/keep beside bed/keep by bed": "Nightstand",
  "dribble/shoot into hoop/shoot through hoop/throw through hoop": "Basketball",
});

/** Things the object does ("Does it X?", "Can it X?"), after the verb is made base form. */
export const DO_VERBS = lexicon({
  "fly/fly in sky/fly through air/fly in air/fly high/go in air/go up in air/take off/soar/glide": "canFly",
  "swim/swim in water/swim well/know how to swim": "swims",
  "move/move on own/move by itself/move around/move itself/move around on own/walk/run/go/travel/move fast/go fast/run fast/move quickly/go places/walk around/move from place to place":
    "movesOnItsOwn",
  "breathe/eat/sleep/die/reproduce/have babies/give birth/have heartbeat/have heart/have brain/feel pain/think/have feelings/have emotions/poop/see/hear/smell":
    "animal",
  "grow/grow bigger/grow over time/get bigger/grow up/age/get older": "grows",
  "live/have life/stay alive/exist as living thing/need to be fed/need to eat": "alive",
  "exist/exist in real life/exist in reality/exist today/really exist/actually exist": "exists",
  "bark/woof/howl/growl/fetch/wag tail/wag its tail/chase cats/chase balls": "barks",
  "meow/mew/mewl/catch mice/chase mice/hunt mice/land on feet/land on its feet/scratch": "meows",
  "purr": "purrs",
  "moo/give milk/produce milk/make milk/provide milk/give us milk/supply milk": "milk",
  "roar": "roars",
  "neigh/whinny/gallop/trot/pull carts/pull carriages/race": "neighs",
  "bleat/baa": "bleats",
  "hop/jump around/burrow/dig burrows/hop around": "hops",
  "hibernate/sleep all winter/sleep through winter/hibernate in winter": "hibernates",
  "hunt/hunt prey/hunt animals/hunt for food/kill prey/chase prey/stalk prey": "hunts",
  "climb trees/climb/climb up trees/live in trees": "climbsTrees",
  "produce wool/give wool/grow wool/give us wool/provide wool": "wool",
  "lay eggs/produce eggs/give eggs/hatch from egg/hatch": "none",
  "bounce/bounce well/bounce high/bounce when dropped/bounce off ground": "bounces",
  "roll/roll around/roll on ground": "spherical",
  "float/float on water/float in water/stay afloat/sink": "floats",
  "flow/run downhill/flow into sea/flow into ocean/flow downhill/have current/move water/have currents": "flows",
  "make noise/make sound/make sounds/make noises/make loud noise/make loud noises/make loud sound/make any noise/make any sound/produce sound/produce noise/emit sound/emit noise/make a lot of noise/create sound/beep/buzz":
    "makesSound",
  "make music/play music/produce music/create music/make musical sounds/produce musical sounds/play songs/play notes/make melody": "instrument|Smartphone",
  "come in pairs/come in pair/come as pair/go in pairs/come in sets of two/come in twos/usually come in pairs/come in set of two/come as set of two/come with partner/have match/have pair/have twin/come two at time/come in two":
    "comesInPairs",
  "tell time/show time/tell what time it is/display time/keep time/show hours": "tellsTime",
  "take pictures/take photos/take photographs/record video/record videos/capture images/take selfies/take picture/take photo": "photos",
  "make calls/make phone calls/call people/ring/receive calls/send texts/send messages/text": "calls",
  "connect to internet/access internet/use internet/go online/connect to wifi/browse internet/run apps/have apps": "internet",
  "light up/glow/give off light/produce light/emit light/shine/have lights/have light/make light": "lightsUp",
  "get hot/heat up/produce heat/give off heat/become hot/get warm/warm up/heat things/heat food/cook food/make food hot": "hot",
  "keep food cold/keep things cold/make things cold/keep cold/cool things/cool food/make ice/freeze things/keep drinks cold/preserve food/keep food fresh/store food/make cold":
    "keepsCold",
  "hold water/hold liquid/hold liquids/contain water/contain liquid/carry water/hold drinks/hold soup/hold coffee": "holdsLiquid",
  "hold things/store things/contain things/hold stuff/store stuff/hold items/store items/have storage/have storage space/provide storage/store books/hold books/hold clothes/store clothes":
    "storage|container",
  "carry people/carry passengers/transport people/take people places/move people/carry person/hold people/transport passengers/carry humans/carry riders":
    "rideable",
  "carry cargo/carry goods/transport goods/carry things/carry heavy loads/haul things/haul cargo/deliver goods/transport cargo/carry freight": "carriesCargo",
  "cut/cut things/cut stuff/cut objects/have sharp edge/have sharp edges/slice things": "cutting",
  "write/write things/make marks/leave marks/leave mark/make lines/draw lines/draw": "writingInstrument",
  "print/print things/print documents/print paper/make copies": "printing",
  "calculate/do math/compute/add numbers/solve math problems/do calculations/count": "math",
  "make you cry/make people cry/make eyes water/make your eyes water/sting eyes": "makesYouCry",
  "hang on wall/go on wall/hang on walls": "hangsOnWall",
  "hang from chain/hang from necklace/dangle/dangle from chain/hang around neck/hang on chain/dangle from ear/hang from ear": "Pendant|Locket|Earring",
  "taste good/taste delicious/taste nice/taste sweet/taste fruity": "edible",
  "smell good/smell nice/smell sweet": "fruit",
  "spin/rotate/turn around/spin around/have blades that spin": "Drill|Blender|Helicopter|Lawn mower",
  "open/close/open and close/open up": "Locket|Refrigerator|Microwave|Dresser|Diary",
  "stick/stick to things/stick things together/bond things/adhere": "joining",
  "erase/erase things/remove pencil marks/erase pencil marks/remove mistakes/erase mistakes/rub out": "erasing",
  "provide power/provide energy/store energy/power things/power devices/produce electricity/make electricity/generate electricity/store electricity/give power/give energy/supply power/supply electricity/create electricity/power electronics":
    "powerSource",
  "open locks/open doors/open door/unlock doors/unlock things/open lock/unlock door/lock doors/lock things/start cars/start car": "unlocking",
  "need batteries/use batteries/take batteries/require batteries/run on batteries/operate on batteries/work with batteries/use battery/have battery/have batteries":
    "usesBatteries",
  "mix things/blend things/mix food/blend food/make smoothies/crush ice/puree food/chop food/stir things/whip cream/blend/mix": "mixing",
  "dig/dig holes/move dirt/move soil": "digging",
  "sting/prick/hurt to touch/hurt you/hurt when touched/poke you/stab you": "spiky",
  "bite/scratch you/attack people/attack humans/kill people/eat people/hurt people": "dangerous",
  "shed/shed fur/shed hair/molt": "hasFur",
  "erupt/melt/freeze/evaporate/rain/snow/explode/burn/catch fire/rust/decay/rot/ripen/spoil/go bad/expire/dissolve/talk/speak/sing/dance/laugh/read/write books/think for itself":
    "none",
  "grow underground/grow under ground/grow in ground/grow in soil/grow in dirt/grow beneath ground/grow below ground/come from ground/come out of ground":
    "growsUnderground",
  "grow on trees/grow on tree/come from tree/come from trees/fall from trees/hang from trees/grow on branches/hang from branch": "growsOnTrees",
  "grow on vine/grow on vines/grow on vine plant": "vine",
  "grow in garden/grow in gardens/grow in backyard": "garden&grows",
  "come from space/fall from sky/fall from space/come from outer space/come from sky/originate in space/originate from space/come from another planet/land from space":
    "fromSpace",
  "come from plant/come from plants/grow on plant/grow on plants/come from tree or plant/come from nature": "crop",
  "come from animal/come from animals": "none",
  "have seeds inside/have seeds in it/contain seeds": "seeds",
  "live in water/live in ocean/live in sea/live underwater/live in lakes/live in rivers/breathe underwater": "none",
  "live on land": "animal",
  "live on farm/live on farms/live in barn/live on ranch/work on farm": "farmAnimal",
  "live in wild/live in wilderness/live in nature/live in jungle or forest": "wildAnimal",
  "live in house/live in houses/live with people/live with humans/live indoors/live in homes/live inside/live with family/live with owner/live in home":
    "pet",
  "live in zoo/live in zoos": "zoo",
  "live in africa/live on savanna/live in savanna/live in savannah": "africa",
  "live in asia/live in india": "asia",
  "live in jungle/live in rainforest/live in jungles": "jungle",
  "live in forest/live in woods/live in forests": "forestHabitat",
  "live in groups/live in herds/live in packs/live in pride/travel in herds/live in families": "Lion|Elephant|Cow|Sheep|Horse",
  "weigh lot/weigh ton/weigh much/weigh more than person/weigh tons/weigh hundreds of pounds": "heavy",
  "weigh little/weigh less than pound/weigh very little/weigh less than kilogram": "small",
  "belong in kitchen/go in kitchen": "kitchen",
  "have four legs and tail": "fourLegs&tail",
  "hover/hover in air/fly straight up/take off vertically": "Helicopter",
  "hold picture/hold photo/hold pictures/hold photos/hold photograph/contain picture/contain photo/keep picture": "Locket",
  "produce oxygen/make oxygen/photosynthesize/give off oxygen/release oxygen/absorb carbon dioxide": "plant",
  "grow in bunches/grow in bunch/grow in clusters/come in bunches/come in bunch/come in clusters": "Grape|Banana",
  "grow on cob/grow on cobs/grow on stalk/grow on stalks": "Corn",
  "grow in pods/grow in pod/come in pods/come in pod": "Peas",
  "come in tube/come in tubes": "Toothpaste",
  "come in bottle/come in bottles/come in stick": "Glue",
  "come in pack/come in packs/come in package/come in packages/come in box": "Battery",
});

/** "part of X" ("Is it part of a computer?"). */
export const PART_OF = lexicon({
  "computer/computer system/computer setup/desktop/desktop setup/computer set": "computerPart",
  "bed/bedroom set/bedding set/sleep setup": "bedding",
  "nature/natural world/environment/ecosystem/earth/landscape": "natural",
  "outfit/wardrobe/clothing/ensemble/attire/uniform/costume": "wearable",
  "meal/diet/healthy diet/balanced diet/salad/breakfast/lunch/dinner": "food",
  "orchestra/band/symphony/marching band/jazz band/rock band": "instrument",
  "kitchen/kitchen set/dining set/place setting/table setting": "kitchenItem",
  "garden/yard/backyard": "garden",
  "sports team/team sport/game/sport/sports game/uniform for sports": "sports",
  "toolbox/tool set/toolkit/tool kit/workshop": "construction",
  "ocean/oceans/world ocean": "Sea",
  "necklace/chain/jewelry set": "Pendant|Locket",
  "tree/trees": "leaves|branches",
  "plant/bush/larger plant": "crop",
  "car/vehicle/house/building/body/animal/machine/larger object/bigger object/something bigger/set/collection/pair/group/larger set":
    "none",
});

// ───────────────────────────── sizes, other things, participles ─────────────────────────────

/** Reference sizes in cm for "bigger than X" beside the objects' own sizes. */
const SIZE_REFS: Readonly<Record<string, number>> = {
  "coin/penny/quarter/dime/nickel/button/bottle cap": 2.5, "marble/pea": 1.5, "grain of rice/grain of sand/ant/bee/fly/sugar cube": 0.8,
  "mouse/egg/fist/palm/thumb": 10, "hand/human hand/adult hand/hand of adult/lemon/tennis ball size": 18, "finger/pinky/credit card": 8,
  "head/human head/football size/soccer ball size/pineapple size": 25, "loaf of bread/loaf/bread/toaster/shoe box/shoebox/brick/bag of flour": 30,
  "book/textbook/notebook/tablet/ipad/magazine/sheet of paper": 25, "breadbox/bread box/bread bin/microwave oven size/shoebox sized": 40,
  "laptop/laptop computer/briefcase": 35, "backpack/school bag/bag/purse/handbag/bucket": 45, "suitcase/carry on/carry on bag/cat size/dog size": 70,
  "child/kid/toddler/small child/young child/baby elephant/goat/pig/sofa cushion/chair size": 110, "baby/infant/newborn/newborn baby/turkey": 50,
  "person/human/human being/adult/man/woman/me/you/grown man/grown up/adult human/average person/average human/people/human adult/teenager/door/doorway/adult person/tall person/bicycle/bike":
    170,
  "room/bedroom/living room/garage/elevator/van/minivan/small car/compact car": 500, "house/home/family home/single family home/barn": 1500,
  "building/skyscraper/tall building/apartment building/office building/school/church/whale/blue whale": 3000, "school bus/city bus/bus size": 1200,
  "football field/soccer field/stadium/city block/park/field": 10000, "city/town/village/country/state/continent/planet/earth/moon/sun/island": 1e6,
};

export const SIZE_REF_MAP: ReadonlyMap<string, number> = new Map(
  Object.entries(SIZE_REFS).flatMap(([keys, cm]) => keys.split("/").map((k) => [canon(k), cm] as const)),
);

/** Capacities in cm for "fit in X" (what fits must be smaller than this). */
const FIT_CAPS: Readonly<Record<string, number>> = {
  "hand/palm/hands/your hand/one hand/palm of hand/fist": 20, "mouth": 5, "cup/mug/glass": 8, "shoebox/shoe box/lunchbox/lunch box/box/small box": 30,
  "backpack/bag/school bag/handbag/drawer/desk drawer/suitcase/purse/tote bag/shopping bag/grocery bag/basket/bucket/sink/microwave/oven": 45,
  "car/trunk/car trunk/closet/bathtub/tub/refrigerator/fridge/cabinet/wardrobe/trash can": 150,
  "room/bedroom/living room/kitchen/garage/elevator/van/truck/pickup truck/truck bed/house door/doorway": 400,
  "house/home/apartment/building/barn/warehouse/stadium/hangar": 800,
};

export const FIT_CAP_MAP: ReadonlyMap<string, number> = new Map(
  Object.entries(FIT_CAPS).flatMap(([keys, cm]) => keys.split("/").map((k) => [canon(k), cm] as const)),
);

/** Common things that are none of the 158 objects: naming one is a wrong guess ("No."), not an unknown question. */
export const OTHER_THINGS = new Set(
  (
    "pig,chicken,hen,rooster,goat,duck,goose,turkey,zebra,giraffe,monkey,ape,gorilla,chimpanzee,mouse,rat,hamster,guinea pig,fox,wolf,deer,moose," +
    "kangaroo,koala,panda,polar bear,snake,lizard,turtle,tortoise,frog,toad,fish,goldfish,shark,whale,dolphin,octopus,squid,crab,lobster,bird,eagle," +
    "owl,parrot,penguin,pigeon,bee,ant,spider,butterfly,mosquito,worm,camel,donkey,pony,bull,calf,ox,squirrel,hedgehog,leopard,cheetah,jaguar,hippo," +
    "hippopotamus,rhino,rhinoceros,crocodile,alligator,lemon,lime,cherry,pear,kiwi,plum,blueberry,raspberry,blackberry,coconut,avocado,apricot,fig," +
    "pomegranate,papaya,grapefruit,tangerine,clementine,lychee,lettuce,cabbage,pepper,bell pepper,garlic,pumpkin,eggplant,zucchini,squash,bean," +
    "radish,mushroom,beet,beetroot,cauliflower,asparagus,kale,sweet potato,yam,bread,cheese,egg,milk,pizza,cake,cookie,candy,chocolate,rice,pasta," +
    "sandwich,burger,hamburger,hot dog,soup,salad,cereal,juice,coffee,tea,soda,ice cream,bicycle,bike,skateboard,taxi,tractor,rocket,submarine," +
    "spaceship,space shuttle,van,minivan,tank,canoe,kayak,yacht,subway,tram,wagon,cart,sled,unicycle,sweater,hoodie,vest,tie,necktie,beanie," +
    "glasses,sunglasses,mittens,sandals,slippers,underwear,swimsuit,shorts,pajamas,bag,purse,backpack,wallet,umbrella,suitcase,lamp,clock," +
    "alarm clock,mirror,book,door,window,bottle,box,bucket,broom,mop,sponge,towel,soap,shampoo,comb,hairbrush,candle,vase,flower,rose,tulip,grass," +
    "leaf,sun,moon,star,cloud,volcano,desert,island,beach,hill,cave,pond,waterfall,glacier,planet,comet,rainbow,glass,tablet,ipad,laptop,radio," +
    "speaker,microphone,remote control,controller,video game,game console,oven,stove,toaster,dishwasher,kettle,spatula,ladle,teapot,napkin,crayon," +
    "notebook,folder,ruler,tape,paperclip,paper clip,envelope,stamp,magnet,coin,money,cello,banjo,ukulele,harmonica,accordion,xylophone,tuba," +
    "bagpipes,bench,stool,shelf,cabinet,rug,carpet,blanket,curtain,crown,tiara,bowling ball,hockey stick,frisbee,ski,skis,net,puck,trampoline," +
    "swing,slide,robot,drone,tent,hose,garden hose,axe,ladder,nail,screw,bolt,tape measure,toolbox,wheelbarrow,flashlight,charger,mouse pad," +
    "puppet,action figure,yo yo,marble,chess,dice,house,building,bridge,tower,castle,wheel,tire,statue of liberty,doorknob,bell,sock puppet," +
    "coat,raincoat,freezer,sofa bed"
  ).split(","),
);

/** Passive participles read as "you <verb> it" ("Is it worn on the head?" = "Do you wear it on the head?"). */
export const PARTICIPLES: Readonly<Record<string, string>> = {
  eaten: "eat", consumed: "eat", worn: "wear", ridden: "ride", driven: "drive", flown: "fly", played: "play", held: "hold", carried: "carry",
  used: "use", utilized: "use", found: "find", seen: "see", kept: "keep", stored: "store", bought: "buy", purchased: "buy", sold: "buy",
  grown: "grow", planted: "plant", harvested: "grow", cooked: "cook", thrown: "throw", kicked: "kick", hit: "hit", plugged: "plug", read: "read",
  lifted: "lift", picked: "pick", peeled: "peel", climbed: "climb", sat: "sit", slept: "sleep", placed: "put", put: "put", drunk: "drink",
  written: "write", located: "find", owned: "own", hung: "hang", hugged: "hug", cuddled: "cuddle", petted: "pet", milked: "milk", sheared: "shear",
  heard: "hear", watched: "watch", listened: "listen", blown: "blow", strummed: "strum", plucked: "pluck", tamed: "tame", trained: "train",
  filled: "fill", sharpened: "sharpen", charged: "charge", turned: "turn", switched: "switch", caught: "catch", bounced: "bounce", rolled: "roll",
  swum: "swim", cut: "cut", sliced: "slice", visited: "visit", hammered: "hammer", dug: "dig", raked: "rake", mowed: "mow",
  stirred: "stir", mixed: "mix", operated: "operate", pushed: "push", pulled: "pull", opened: "open",
  attached: "attach", displayed: "display", framed: "frame", given: "give", shared: "share", traded: "trade", collected: "collect",
  sewn: "sew", knitted: "knit", folded: "fold", washed: "wash", cleaned: "clean", painted: "paint", drawn: "draw", sculpted: "sculpt",
  carved: "carve", built: "build", pinned: "pin", clipped: "clip", dribbled: "dribble", assembled: "assemble", solved: "solve",
};
