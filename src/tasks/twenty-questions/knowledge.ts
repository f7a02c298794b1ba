/**
 * What a typical person knows about the 158 Twenty Questions objects, as a curated table: for each
 * attribute, the objects for which it is true (false for every other object), plus a typical size
 * per object. It stands in for the reference's FLAN-T5-XL oracle (`llm_rl_scripts/twenty_questions/env/
 * oracle.py`, github.com/abdulhaim/LMRL-Gym), itself fine-tuned on GPT-3.5 answers whose prompt asks
 * for "the typical case" (LMRL-Gym paper, App. C.6). Ambiguous facts carry a comment with the pick.
 *
 * A set is written as "|"-separated terms read left to right: `Name` adds an object (its first
 * variant), `@Category` a whole category, `$attr` another attribute's set, `*` every object, and a
 * leading `-` removes the term instead.
 *
 * @example
 * hasAttribute(findTwentyQObject("Cat")!, "mammal");  // true
 * hasAttribute(findTwentyQObject("Tomato")!, "fruit"); // false (the typical, culinary answer)
 * sizeOf(findTwentyQObject("Bus")!);                    // 1200 (cm)
 */
import { TWENTY_Q_CATEGORIES, TWENTY_Q_OBJECTS, type TwentyQCategory, type TwentyQObject } from "./objects";

/**
 * Typical size in centimetres: the longest dimension as a person pictures the object, shrunk for
 * soft or coiled things a person would call small (a belt, a scarf). Size questions ("bigger than a
 * breadbox / person / car / house?") compare these numbers.
 */
export const SIZE_CM: Readonly<Record<string, number>> = {
  Basketball: 24, Football: 28, Baseball: 7, "Soccer ball": 22, "Golf ball": 4, "Tennis ball": 7, Volleyball: 21,
  "Tennis racket": 68, "Baseball bat": 84, Helmet: 30,
  Cat: 46, Dog: 75, Horse: 240, Cow: 250, Sheep: 120, Rabbit: 35, Lion: 250, Tiger: 280, Bear: 220, Elephant: 600,
  Apple: 8, Banana: 18, Orange: 8, Strawberry: 3, Grape: 2, Watermelon: 38, Pineapple: 30, Mango: 12, Cantaloupe: 16, Peach: 7,
  Car: 450, Truck: 700, Motorcycle: 210, Boat: 600, Airplane: 3500, Train: 20000, Bus: 1200, Helicopter: 1300, Scooter: 120, Ship: 20000,
  Shirt: 35, Pants: 38, Jacket: 45, Dress: 45, Skirt: 30, Belt: 25, Shoes: 30, Boots: 38, Socks: 20, Hat: 28, Scarf: 30,
  Computer: 45, Smartphone: 14, Television: 110, Headphone: 18, Monitor: 60, Camera: 12, Microwave: 50, Refrigerator: 190,
  Blender: 40, "Computer keyboard": 45,
  Piano: 190, Guitar: 100, Drum: 50, Violin: 60, Saxophone: 70, Flute: 67, Trumpet: 50, Clarinet: 66, Harp: 170, Trombone: 95,
  Chair: 90, Table: 180, Bed: 200, Desk: 140, Couch: 200, Dresser: 120, Bookcase: 180, Nightstand: 60, Mattress: 200, Pillow: 60,
  Pen: 14, Paper: 28, Stapler: 15, Printer: 45, Calculator: 15, Battery: 5, Toothbrush: 19, Toothpaste: 18, Pencil: 18,
  Sharpie: 14, Scissors: 20, Key: 6, Diary: 21, Calendar: 40,
  Carrot: 18, Potato: 10, Broccoli: 18, Tomato: 7, Onion: 8, Spinach: 20, Corn: 20, Peas: 1, Celery: 35, Cucumber: 20,
  Painting: 80, Paintbrush: 20, Canvas: 60, Eraser: 5, Marker: 14, Glue: 10, Sculpture: 100, // sculpture: sizes vary, a statue-ish pick
  Knife: 25, Spoon: 17, Fork: 19, Plate: 26, Bowl: 15, "Cooking pot": 30, Pan: 45, Cup: 10, Chopstick: 24, Whisk: 28,
  Rock: 15, Tree: 1000, Bush: 150, Mountain: 300000, Forest: 500000, Ocean: 1e9, Sea: 1e8, Lake: 1e6, River: 1e7,
  Meteorite: 20, Cactus: 150, // cactus: a desert cactus shorter than a person
  Lego: 10, Doll: 30, Kite: 100, Puzzle: 35, "Stuffed animal": 30,
  Earring: 2, Necklace: 10, Bracelet: 7, Ring: 2, Brooch: 4, Hairclip: 6, Pendant: 3, Watch: 5, Locket: 3,
  Gloves: 25, Shovel: 120, Rake: 150, "Watering can": 45, "Lawn mower": 110,
  Hammer: 30, Screwdriver: 20, Wrench: 25, Saw: 60, Pliers: 18, Drill: 25,
};

/** Size classes derived from SIZE_CM, usable as `$small` etc. in the table below. */
const SIZE_CLASSES: Readonly<Record<string, (cm: number) => boolean>> = {
  tiny: (cm) => cm <= 6,
  small: (cm) => cm <= 20, // fits in a hand
  big: (cm) => cm > 170, // bigger than a person
  huge: (cm) => cm > 450, // bigger than a car
};

/**
 * The attribute table: attribute id → the objects for which it holds. Grouped as classes, living
 * things, food, vehicles, wearables, electricity, instruments, home and places, kitchen, office and
 * art, tools, sports and toys, materials, shape and colour, size and weight.
 */
export const ATTRIBUTE_TABLE: Readonly<Record<string, string>> = {
  // ── Always / never (for "Does it exist?", "Is it a bird?") ──
  everything: "*",
  none: "",

  // ── Broad classes ──
  natural: "@Animals|@Fruits|@Vegetables|@Nature",
  manMade: "*|-$natural",
  object: "*|-@Animals|-$geoFeature", // "Is it an object/thing?": not an animal or a place (ambiguous)
  furniture: "@Furniture|-Pillow", // a pillow is bedding; a mattress counts as furniture (ambiguous)
  clothing: "@Clothes|Gloves",
  electronic: "@Electronics|Printer|Calculator", // a watch or a battery is not called "electronic" (ambiguous)
  appliance: "Microwave|Refrigerator|Blender",
  machine: "@Vehicles|Computer|Printer|Microwave|Refrigerator|Blender|Lawn mower|Drill", // ambiguous class
  instrument: "@Musical Instruments",
  vehicle: "@Vehicles",
  toy: "@Toys",
  game: "Puzzle", // ambiguous: a puzzle is sometimes called a game
  jewelry: "@Jewelry|-Hairclip", // a watch is in the reference's Jewelry list; a hair clip is a hair accessory
  accessory: "Belt|Hat|Scarf|Gloves|@Jewelry",
  sportsEquipment: "@Sports",
  kitchenItem: "@Kitchen Tools|Microwave|Refrigerator|Blender",
  officeSupply: "Pen|Paper|Stapler|Printer|Calculator|Pencil|Sharpie|Scissors|Calendar|Diary|Eraser|Marker|Glue", // not toothbrush, toothpaste, key, battery
  schoolSupply: "Pen|Paper|Pencil|Eraser|Marker|Glue|Scissors|Calculator|Sharpie",
  artSupply: "Paintbrush|Canvas|Eraser|Marker|Glue|Pencil|Paper|Sharpie|Scissors",
  artwork: "Painting|Sculpture",
  artRelated: "@Art|Pencil",
  tool: "@Tools|Shovel|Rake|Lawn mower|Watering can|Scissors|Paintbrush|Knife", // spoon/fork are utensils, not tools (ambiguous)
  handTool: "Hammer|Screwdriver|Wrench|Saw|Pliers|Shovel|Rake",
  powerTool: "Drill|Lawn mower",
  gardenTool: "@Garden Supplies",
  container: "Cup|Bowl|Cooking pot|Watering can|Refrigerator",
  decorative: "Painting|Sculpture|Earring|Necklace|Bracelet|Ring|Brooch|Pendant|Locket",
  book: "Diary", // "Is it a book?" for a diary: yes (ambiguous)
  peripheral: "Monitor|Computer keyboard|Printer",
  geoFeature: "Mountain|Forest|Ocean|Sea|Lake|River", // also "Is it a place?"
  bodyOfWater: "Ocean|Sea|Lake|River",
  landform: "Mountain",
  screenThing: "Monitor|Television", // "Is it a screen?"
  headwear: "Hat|Helmet",
  outerwear: "Jacket",
  bedding: "Pillow|Mattress",
  seat: "Chair|Couch",
  kitchenTool: "@Kitchen Tools",
  computerPart: "Monitor|Computer keyboard",

  // ── Living things ──
  alive: "@Animals|Tree|Bush|Cactus|Forest", // picked fruit/vegetables: not alive; a forest: alive (ambiguous)
  animal: "@Animals",
  mammal: "@Animals",
  plant: "Tree|Bush|Cactus", // a vegetable is "from a plant", not called a plant
  grows: "$alive|@Fruits|@Vegetables",
  pet: "Cat|Dog|Rabbit",
  domesticated: "Cat|Dog|Horse|Cow|Sheep|Rabbit",
  farmAnimal: "Horse|Cow|Sheep",
  wildAnimal: "Lion|Tiger|Bear|Elephant",
  carnivore: "Cat|Dog|Lion|Tiger|Bear", // dog and bear: meat eaters of the order Carnivora
  herbivore: "Horse|Cow|Sheep|Rabbit|Elephant",
  eatsPlants: "$herbivore|Bear",
  predator: "Lion|Tiger|Bear",
  hunts: "Cat|Lion|Tiger|Bear",
  feline: "Cat|Lion|Tiger",
  bigCat: "Lion|Tiger",
  canine: "Dog",
  smallAnimal: "Cat|Rabbit",
  bigAnimal: "Horse|Cow|Lion|Tiger|Bear|Elephant",
  zoo: "Lion|Tiger|Bear|Elephant",
  africa: "Lion|Elephant",
  asia: "Tiger|Elephant",
  jungle: "Tiger|Elephant",
  forestHabitat: "Bear|Tiger|Tree|Bush",
  endangered: "Tiger|Elephant",
  dangerous: "Lion|Tiger|Bear|Knife|Saw",
  hasFur: "Cat|Dog|Rabbit|Sheep|Lion|Tiger|Bear|Horse|Cow|Stuffed animal", // horse/cow hair counts; elephant no
  fluffy: "Sheep|Rabbit|Cat|Dog|Stuffed animal|Pillow",
  cuddly: "Stuffed animal|Pillow|Doll|Cat|Dog|Rabbit",
  tail: "Cat|Dog|Horse|Cow|Sheep|Rabbit|Lion|Tiger|Elephant", // a bear's stub is not counted
  hooves: "Horse|Cow|Sheep",
  paws: "Cat|Dog|Rabbit|Lion|Tiger|Bear",
  claws: "Cat|Dog|Lion|Tiger|Bear",
  mane: "Lion|Horse",
  stripes: "Tiger|Watermelon",
  spots: "Cow",
  trunk: "Elephant|Tree|Car", // an elephant's, a tree's and a car's trunk
  horns: "Cow", // many cows have horns (ambiguous)
  tusks: "Elephant",
  whiskers: "Cat|Dog|Rabbit|Lion|Tiger",
  teeth: "@Animals|Saw|Key",
  eyes: "@Animals|Doll|Stuffed animal",
  skin: "@Animals|@Fruits|Potato|Tomato|Onion|Cucumber",
  legs: "@Animals|Chair|Table|Bed|Desk|Couch|Doll|Stuffed animal", // dresser/nightstand feet not counted
  fourLegs: "@Animals|Chair|Table|Desk|Bed",
  twoLegs: "Doll",
  milk: "Cow",
  wool: "Sheep",
  hibernates: "Bear",
  climbsTrees: "Cat|Bear",
  swims: "Dog|Tiger|Bear|Elephant", // many mammals can swim; these are the well-known swimmers (ambiguous)
  barks: "Dog",
  meows: "Cat",
  purrs: "Cat",
  moos: "Cow",
  roars: "Lion|Tiger",
  neighs: "Horse",
  bleats: "Sheep",
  hops: "Rabbit",
  movesOnItsOwn: "@Animals|@Vehicles",
  leaves: "Tree|Bush|Forest|Spinach",
  roots: "Tree|Bush|Cactus|Carrot|Potato|Onion",
  branches: "Tree|Bush",
  bark: "Tree|Forest",
  spiky: "Cactus|Pineapple",
  needsSunlight: "Tree|Bush|Cactus",
  climbable: "Tree|Mountain",
  wind: "Kite",

  // ── Food ──
  food: "@Fruits|@Vegetables",
  edible: "$food", // a cow or a sheep is an animal, not food, to a typical answerer
  fruit: "@Fruits", // tomato: the culinary answer (a vegetable), though botanically a fruit
  vegetable: "@Vegetables",
  crop: "@Fruits|@Vegetables",
  canEatRaw: "@Fruits|Carrot|Tomato|Spinach|Celery|Cucumber|Broccoli|Peas|Onion", // corn and potato are cooked
  cookedBeforeEating: "Potato|Corn",
  drinkable: "",
  healthy: "@Fruits|@Vegetables",
  sweet: "@Fruits", // corn, carrots and peas are a little sweet; not counted
  juicy: "Apple|Orange|Strawberry|Grape|Watermelon|Pineapple|Mango|Cantaloupe|Peach|Tomato",
  crunchy: "Apple|Carrot|Celery|Cucumber",
  starchy: "Potato|Corn|Peas|Banana",
  salty: "Ocean|Sea",
  fuzzy: "Peach|Tennis ball",
  citrus: "Orange",
  tropical: "Banana|Pineapple|Mango",
  berry: "Strawberry", // grape and banana are botanical berries; a typical person says no
  melon: "Watermelon|Cantaloupe",
  pit: "Peach|Mango",
  seeds: "Apple|Orange|Strawberry|Grape|Watermelon|Cantaloupe|Peach|Mango|Tomato|Cucumber",
  peel: "Banana|Orange|Mango|Potato|Carrot|Onion",
  rind: "Watermelon|Cantaloupe|Orange",
  growsOnTrees: "Apple|Orange|Mango|Peach|Banana", // banana "trees" are large herbs; people say trees
  growsUnderground: "Carrot|Potato|Onion", // also "a root vegetable"
  vine: "Grape|Watermelon|Cantaloupe|Cucumber|Tomato|Peas",
  leafyGreen: "Spinach",
  legume: "Peas",
  grain: "Corn",
  makesYouCry: "Onion",

  // ── Vehicles and movement ──
  landVehicle: "Car|Truck|Motorcycle|Train|Bus|Scooter",
  road: "Car|Truck|Motorcycle|Bus|Scooter",
  rails: "Train",
  waterVehicle: "Boat|Ship",
  airVehicle: "Airplane|Helicopter",
  canFly: "Airplane|Helicopter|Kite",
  publicTransport: "Bus|Train|Airplane",
  rideable: "@Vehicles|Horse",
  drivable: "Car|Truck|Bus|Motorcycle|Scooter|Boat",
  carriesCargo: "Truck|Train|Ship|Airplane",
  floats: "Boat|Ship",
  wheels: "Car|Truck|Motorcycle|Train|Bus|Scooter|Lawn mower|Airplane", // an airplane's landing gear counts (ambiguous)
  twoWheels: "Motorcycle|Scooter",
  fourWheels: "Car|Truck|Lawn mower",
  engine: "Car|Truck|Motorcycle|Boat|Airplane|Train|Bus|Helicopter|Ship|Scooter|Lawn mower", // boat: a motorboat; scooter: a motor scooter (ambiguous)
  motor: "$engine|Drill|Blender",
  wings: "Airplane",
  windows: "Car|Truck|Bus|Train|Airplane|Helicopter|Ship",
  doors: "Car|Truck|Bus|Train|Airplane|Helicopter|Refrigerator|Microwave",
  seats: "@Vehicles",
  steeringWheel: "Car|Truck|Bus|Boat|Ship",
  handlebars: "Motorcycle|Scooter",
  sitIn: "Chair|Couch|Car|Truck|Bus|Train|Airplane|Helicopter|Boat|Ship",
  sitOn: "Chair|Couch|Bed|Mattress|Horse|Motorcycle|Scooter",
  airport: "Airplane|Helicopter",
  harbor: "Boat|Ship",

  // ── Wearables ──
  wearable: "@Clothes|@Jewelry|Helmet|Gloves|Headphone",
  footwear: "Shoes|Boots|Socks", // socks: worn on the feet, counted as footwear (ambiguous)
  wornOnFeet: "Shoes|Boots|Socks",
  wornOnHead: "Hat|Helmet|Headphone|Hairclip",
  wornInHair: "Hairclip",
  wornOnHands: "Gloves|Ring", // a ring is worn on a finger of the hand
  wornOnFingers: "Ring|Gloves",
  wornOnWrist: "Watch|Bracelet",
  wornOnNeck: "Necklace|Scarf|Pendant|Locket",
  wornOnEars: "Earring|Headphone",
  wornOnUpperBody: "Shirt|Jacket|Dress",
  wornOnLegs: "Pants|Skirt|Dress",
  wornOnWaist: "Belt",
  wornOnFace: "",
  comesInPairs: "Shoes|Boots|Socks|Gloves|Earring|Chopstick", // "pair of" pants/scissors/pliers/headphones is one object
  warmth: "Jacket|Scarf|Hat|Gloves|Socks|Boots",
  protection: "Helmet|Gloves",
  sleeves: "Shirt|Jacket|Dress",
  laces: "Shoes|Boots",
  zipper: "Jacket|Pants",
  pockets: "Pants|Jacket",
  brim: "Hat",
  chain: "Necklace|Pendant|Locket|Bracelet",
  closet: "@Clothes",

  // ── Electricity and electronics ──
  usesElectricity: "$electronic|Drill|Watch", // a lawn mower is typically gas-powered
  electrical: "$usesElectricity|Battery",
  usesBatteries: "Smartphone|Camera|Calculator|Watch",
  plugsIn: "Computer|Television|Monitor|Microwave|Refrigerator|Blender|Printer|Computer keyboard|Smartphone", // a phone is plugged in to charge
  powerSource: "Battery",
  screen: "Computer|Smartphone|Television|Monitor|Camera|Calculator",
  displaysVideo: "Computer|Smartphone|Television|Monitor|Camera",
  lightsUp: "Computer|Smartphone|Television|Monitor",
  keys: "Computer|Computer keyboard|Piano|Calculator|Saxophone|Clarinet|Flute",
  keyboardPart: "Computer|Piano",
  buttons: "Computer|Smartphone|Computer keyboard|Calculator|Microwave|Camera|Printer|Blender|Television|Shirt|Jacket",
  numbers: "Calculator|Calendar|Watch|Computer keyboard|Smartphone",
  internet: "Computer|Smartphone",
  photos: "Camera|Smartphone",
  hasCamera: "Smartphone|Camera",
  lens: "Camera",
  calls: "Smartphone",
  communication: "Smartphone|Computer",
  speakers: "Smartphone|Television|Computer|Headphone",
  remote: "Television",
  timer: "Microwave",
  math: "Calculator|Computer",
  typing: "Computer keyboard|Computer",
  printing: "Printer",
  ink: "Pen|Sharpie|Marker|Printer",

  // ── Music and sound ──
  stringInstrument: "Guitar|Violin|Harp", // a piano's strings are hidden; not called a string instrument
  windInstrument: "Saxophone|Flute|Trumpet|Clarinet|Trombone",
  brass: "Trumpet|Trombone", // a saxophone is brass-made but a woodwind
  woodwind: "Saxophone|Flute|Clarinet",
  percussion: "Drum",
  keyboardInstrument: "Piano",
  strings: "Guitar|Violin|Harp|Piano|Tennis racket|Kite", // a kite's string too
  bow: "Violin",
  music: "$instrument|Headphone",
  listening: "Headphone",
  makesSound: "$instrument|@Animals|-Rabbit|@Vehicles|Television|Smartphone|Headphone|Computer|Blender|Lawn mower|Drill|Printer",

  // ── Home and places ──
  foundInHome: "@Furniture|@Electronics|@Office Supplies|@Kitchen Tools|@Clothes|@Jewelry|@Fruits|@Vegetables|Lego|Doll|Puzzle|Stuffed animal|Painting|Paintbrush|Eraser|Marker|Glue|Cat|Dog|Hammer|Screwdriver|Wrench|Pliers|Drill|Saw|Piano|Guitar|Gloves",
  indoors: "$foundInHome|$instrument|Sculpture",
  outdoors: "@Vehicles|@Nature|@Garden Supplies|$ball|Tennis racket|Baseball bat|Helmet|Kite|Horse|Cow|Sheep|Lion|Tiger|Bear|Elephant|Dog", // produce grows outside but is kept indoors: not counted
  kitchen: "@Kitchen Tools|Microwave|Refrigerator|Blender|@Fruits|@Vegetables",
  bathroom: "Toothbrush|Toothpaste",
  bedroom: "Bed|Mattress|Pillow|Nightstand|Dresser",
  livingRoom: "Couch|Television|Bookcase",
  office: "Pen|Paper|Stapler|Printer|Calculator|Pencil|Sharpie|Scissors|Calendar|Computer|Monitor|Computer keyboard|Desk|Chair|Bookcase|Eraser|Marker|Glue",
  onDesk: "Pen|Pencil|Paper|Stapler|Calculator|Computer|Monitor|Computer keyboard|Calendar|Sharpie|Scissors",
  school: "Pen|Paper|Pencil|Eraser|Marker|Glue|Scissors|Calculator|Desk|Chair|Sharpie|Stapler|Computer",
  garden: "@Garden Supplies|Tree|Bush|@Vegetables|Strawberry",
  garage: "Car|Motorcycle|Scooter|@Tools|Shovel|Rake|Lawn mower",
  farm: "Horse|Cow|Sheep", // crops grow on farms, but "found on a farm" is asked about animals
  restaurant: "Knife|Spoon|Fork|Plate|Bowl|Cup|Chopstick|Table|Chair",
  museum: "Painting|Sculpture",
  groceryStore: "@Fruits|@Vegetables|Toothpaste|Toothbrush|Battery",
  buyable: "$manMade|@Fruits|@Vegetables",
  water: "$bodyOfWater|Boat|Ship",
  saltWater: "Ocean|Sea",
  freshWater: "Lake|River",
  flows: "River",
  waves: "Ocean|Sea",
  fish: "Ocean|Sea|Lake|River",
  peak: "Mountain",
  hasTrees: "Forest",
  fromSpace: "Meteorite",
  desert: "Cactus",
  liquid: "Ocean|Sea|Lake|River|Glue", // glue: the bottle of (liquid) glue; a glue stick is the other variant
  hangsOnWall: "Painting|Calendar|Canvas",
  storage: "Dresser|Bookcase|Nightstand|Refrigerator",
  drawers: "Dresser|Desk|Nightstand",
  shelves: "Bookcase|Refrigerator",
  cushions: "Couch",
  backrest: "Chair|Couch",
  sleeping: "Bed|Mattress|Pillow",
  lieOn: "Bed|Mattress|Couch",
  exists: "*",

  // ── Kitchen ──
  utensil: "Knife|Spoon|Fork|Chopstick|Whisk",
  cutlery: "Knife|Spoon|Fork",
  dishware: "Plate|Bowl|Cup",
  cookware: "Cooking pot|Pan",
  cooking: "Cooking pot|Pan|Whisk|Microwave|Blender|Knife",
  eating: "Knife|Spoon|Fork|Chopstick|Plate|Bowl", // a cup is for drinking
  eatWith: "Knife|Spoon|Fork|Chopstick",
  eatFrom: "Plate|Bowl",
  drinking: "Cup",
  holdsLiquid: "Cup|Bowl|Cooking pot|Watering can",
  mixing: "Whisk|Blender|Spoon",
  smoothies: "Blender",
  heatsFood: "Microwave|Cooking pot|Pan",
  keepsCold: "Refrigerator",
  foodRelated: "$food|$kitchenItem",
  lid: "Cooking pot",

  // ── Office, school and art ──
  writingInstrument: "Pen|Pencil|Sharpie|Marker",
  writing: "$writingInstrument|Paper|Diary",
  writeOn: "Paper|Diary|Calendar",
  drawing: "Pen|Pencil|Sharpie|Marker|Paper",
  painting: "Paintbrush|Canvas",
  paintOn: "Canvas|Paper",
  erasing: "Eraser",
  fastening: "Stapler|Glue|Hairclip|Belt",
  joining: "Stapler|Glue",
  sticky: "Glue",
  tellsTime: "Watch",
  timeRelated: "Watch|Calendar",
  planning: "Calendar|Diary",
  private: "Diary",
  readable: "Diary|Calendar|Paper",
  pages: "Diary|Calendar",
  picture: "Painting|Puzzle|Calendar",
  cap: "Pen|Sharpie|Marker|Glue|Toothpaste",
  pencilEraser: "Pencil",
  sharpenable: "Pencil|Knife",
  bristles: "Toothbrush|Paintbrush",
  hygiene: "Toothbrush|Toothpaste",
  cleaning: "Toothbrush|Toothpaste",
  unlocking: "Key",
  pieces: "Puzzle|Lego",

  // ── Tools ──
  construction: "@Tools",
  cutting: "Knife|Scissors|Saw|Lawn mower",
  cutsFood: "Knife",
  cutsPaper: "Scissors",
  sawing: "Saw",
  blade: "Knife|Scissors|Saw|Lawn mower|Blender",
  sharp: "Knife|Scissors|Saw|Cactus", // a pencil point or a fork is not called sharp
  handle: "Knife|Spoon|Fork|Cooking pot|Pan|Cup|Whisk|Hammer|Screwdriver|Saw|Pliers|Drill|Shovel|Rake|Watering can|Lawn mower|Tennis racket|Baseball bat|Paintbrush|Toothbrush|Refrigerator|Scissors",
  gardening: "@Garden Supplies",
  digging: "Shovel",
  watering: "Watering can",
  raking: "Rake",
  mowing: "Lawn mower",
  hammering: "Hammer",
  screws: "Screwdriver|Drill",
  bolts: "Wrench|Pliers",
  gripping: "Pliers",
  drilling: "Drill",
  hittingTool: "Baseball bat|Tennis racket|Hammer",

  // ── Sports and toys ──
  sports: "@Sports",
  ball: "Basketball|Football|Baseball|Soccer ball|Golf ball|Tennis ball|Volleyball",
  teamSport: "Basketball|Football|Baseball|Soccer ball|Volleyball|Baseball bat",
  bounces: "Basketball|Soccer ball|Tennis ball|Volleyball|Golf ball",
  throwable: "Football|Basketball|Baseball",
  kickable: "Soccer ball|Football",
  hittable: "Baseball|Tennis ball|Golf ball|Volleyball|Drum",
  blowInto: "$windInstrument",
  sportBaseball: "Baseball|Baseball bat|Helmet",
  sportTennis: "Tennis ball|Tennis racket",
  sportGolf: "Golf ball",
  sportSoccer: "Soccer ball",
  sportBasketball: "Basketball",
  sportFootball: "Football|Helmet",
  sportVolleyball: "Volleyball",
  court: "Basketball|Tennis ball|Tennis racket|Volleyball",
  playable: "@Toys|$instrument|$ball|Baseball bat|Tennis racket",
  entertainment: "@Toys|$instrument|Television|Headphone|$ball|Baseball bat|Tennis racket", // computer/phone: mainly other uses
  children: "@Toys",

  // ── Materials ──
  metal: "@Vehicles|-Boat|Knife|Spoon|Fork|Cooking pot|Pan|Whisk|Key|Stapler|Scissors|Hammer|Screwdriver|Wrench|Saw|Pliers|Drill|Shovel|Rake|Lawn mower|Necklace|Bracelet|Ring|Earring|Pendant|Locket|Brooch|Watch|Trumpet|Trombone|Saxophone|Flute|Refrigerator|Microwave|Meteorite", // boats: wood/fibreglass too; a baseball bat: wood
  wood: "Chair|Table|Bed|Desk|Dresser|Bookcase|Nightstand|Pencil|Baseball bat|Chopstick|Guitar|Violin|Piano|Harp|Clarinet|Paintbrush|Tree", // paper is made from wood pulp, not "of wood"
  plastic: "Lego|Toothbrush|Pen|Sharpie|Marker|Calculator|Printer|Computer keyboard|Headphone|Helmet|Doll",
  fabric: "Shirt|Pants|Jacket|Dress|Skirt|Socks|Hat|Scarf|Gloves|Couch|Pillow|Mattress|Stuffed animal|Canvas|Kite",
  leather: "Belt|Shoes|Boots|Football|Baseball",
  rubber: "Eraser|Tennis ball|Basketball",
  glass: "", // screens have glass, but nothing here is "made of glass"
  ceramic: "Plate|Bowl|Cup",
  paperMade: "Paper|Calendar|Diary|Puzzle", // a jigsaw puzzle: cardboard
  stone: "Rock|Mountain|Meteorite|Sculpture", // a typical sculpture: stone
  hard: "$metal|$wood|$stone|Lego|Helmet|Plate|Bowl|Cup|Golf ball|Baseball|Computer|Smartphone|Television|Monitor|Camera|Calculator|Printer|Computer keyboard|Blender|Battery|Pen|Sharpie|Marker|-$soft",

  // ── Shape, texture and colour ──
  round: "Basketball|Baseball|Soccer ball|Golf ball|Tennis ball|Volleyball|Apple|Orange|Grape|Watermelon|Cantaloupe|Peach|Tomato|Onion|Peas|Plate|Bowl|Ring|Drum|Cooking pot|Pan|Bracelet",
  spherical: "Basketball|Baseball|Soccer ball|Golf ball|Tennis ball|Volleyball|Apple|Orange|Grape|Watermelon|Cantaloupe|Peach|Tomato|Onion|Peas",
  flat: "Plate|Paper|Canvas|Painting|Calendar",
  oval: "Football|Watermelon|Mango|Potato",
  long: "Banana|Cucumber|Carrot|Celery|Corn|Baseball bat|Flute|Clarinet|Trombone|Chopstick|Pencil|Scarf|Belt|Train|River|Shovel|Rake|Tennis racket|Toothbrush|Paintbrush",
  thin: "Paper|Chopstick|Pencil|Pen|Sharpie|Marker|Toothbrush|Paintbrush|Belt|Necklace|Calendar",
  curved: "Banana",
  blackAndWhite: "Soccer ball|Cow|Piano",
  smelly: "Onion|Sharpie",
  foldable: "Shirt|Pants|Jacket|Dress|Skirt|Socks|Scarf|Gloves|Paper|Calendar",
  opens: "$doors|$drawers|Locket|Diary",
  rectangular: "Paper|Canvas|Painting|Calendar|Diary|Monitor|Television|Smartphone|Mattress|Dresser|Bookcase|Refrigerator|Microwave|Calculator|Computer keyboard|Desk|Bed|Lego",
  soft: "Pillow|Mattress|Couch|Bed|Stuffed animal|Shirt|Pants|Dress|Skirt|Socks|Hat|Scarf|Jacket|Gloves|Cat|Rabbit|Sheep",
  colorful: "Painting|Kite|Lego|Puzzle|Marker",
  red: "Apple|Strawberry|Tomato", // a watermelon is red inside, green outside: not counted
  green: "Broccoli|Spinach|Celery|Cucumber|Peas|Watermelon|Tree|Bush|Cactus|Forest",
  yellow: "Banana|Corn|Tennis ball|Pencil", // the classic pencil is yellow
  orangeColor: "Orange|Carrot|Basketball|Cantaloupe|Mango", // cantaloupe and mango: orange flesh
  white: "Baseball|Golf ball|Paper|Sheep|Volleyball",
  brown: "Bear|Horse|Football|Potato",
  blue: "Ocean|Sea|Lake",
  gray: "Elephant|Rock",
  purple: "Grape",
  pink: "",
  black: "",
  transparent: "",

  // ── Weight, handling and value ──
  heavy: "@Vehicles|-Scooter|Horse|Cow|Lion|Tiger|Bear|Elephant|Piano|Harp|Refrigerator|Bed|Couch|Desk|Dresser|Bookcase|Table|Mattress|Tree|Mountain|Meteorite|Lawn mower|Sculpture", // a typical rock is a hand-sized stone
  portable: "*|-$heavy|-@Nature|-Sheep|Rock",
  handheld: "$small|-@Nature|$ball|Tennis racket|Baseball bat|Hammer|Saw|Drill|Knife|Whisk|Chopstick|Flute|Clarinet|Trumpet|Violin|Pan|Plate|Paper|Diary|Rock|Celery",
  fitsInPocket: "Key|Pen|Pencil|Sharpie|Marker|Eraser|Battery|Smartphone|Earring|Necklace|Bracelet|Ring|Brooch|Hairclip|Pendant|Locket|Watch|Golf ball|Glue|Grape|Peas|Strawberry|Lego",
  expensive: "Car|Truck|Motorcycle|Boat|Airplane|Train|Bus|Helicopter|Ship|Piano|Harp",
  hot: "Microwave|Cooking pot|Pan",
};

/** Extra names a person uses for an object (beside the reference's variants): alias → object name. */
export const ALIASES: Readonly<Record<string, string>> = {
  "basket ball": "Basketball", "soccer": "Soccer ball", "racket": "Tennis racket", "racquet": "Tennis racket",
  "tennis racquet": "Tennis racket", "bat": "Baseball bat",
  "kitty": "Cat", "house cat": "Cat", "doggy": "Dog", "puppy": "Dog", "bunny": "Rabbit", "lamb": "Sheep", "cattle": "Cow",
  "automobile": "Car", "lorry": "Truck", "motorbike": "Motorcycle", "aeroplane": "Airplane", "airliner": "Airplane",
  "jet": "Airplane", "chopper": "Helicopter",
  "t shirt": "Shirt", "tshirt": "Shirt", "trousers": "Pants", "slacks": "Pants", "gown": "Dress",
  "cell phone": "Smartphone", "cellphone": "Smartphone", "mobile phone": "Smartphone", "phone": "Smartphone",
  "television set": "Television", "tv set": "Television", "computer screen": "Monitor", "fridge": "Refrigerator",
  "personal computer": "Computer", "pc": "Computer", "desktop computer": "Computer", "head phones": "Headphone",
  "drum set": "Drum", "drum kit": "Drum", "sax": "Saxophone",
  "sofa": "Couch", "settee": "Couch", "bookshelf": "Bookcase", "book shelf": "Bookcase", "chest of drawers": "Dresser",
  "bedside table": "Nightstand", "night stand": "Nightstand",
  "sheet of paper": "Paper", "ballpoint pen": "Pen", "permanent marker": "Sharpie", "journal": "Diary",
  "paint brush": "Paintbrush", "statue": "Sculpture", "rubber eraser": "Eraser",
  "mug": "Cup", "skillet": "Pan", "cooking pan": "Pan",
  "stone": "Rock", "boulder": "Rock", "shrub": "Bush", "woods": "Forest", "meteor": "Meteorite",
  "legos": "Lego", "lego brick": "Lego", "lego bricks": "Lego", "jigsaw": "Puzzle", "teddy bear": "Stuffed animal",
  "stuffed toy": "Stuffed animal", "plush toy": "Stuffed animal", "plushie": "Stuffed animal",
  "hair clip": "Hairclip", "hair pin": "Hairclip", "hairpin": "Hairclip", "barrette": "Hairclip",
  "wristwatch": "Watch", "wrist watch": "Watch",
  "spade": "Shovel", "lawnmower": "Lawn mower", "spanner": "Wrench", "screw driver": "Screwdriver",
  "power drill": "Drill", "electric drill": "Drill",
};

/**
 * Specific objects that are also another listed object to a typical person: a guess of the other
 * object's name is answered Yes (a ship is a large boat, a Sharpie is a marker, a meteorite is a
 * rock, a locket is a pendant). Every other guess of a different object is No.
 */
export const ALSO_IS: Readonly<Record<string, readonly string[]>> = {
  Ship: ["Boat"], Sharpie: ["Marker"], Meteorite: ["Rock"], Locket: ["Pendant"],
};

const OBJECT_NAMES = new Set(TWENTY_Q_OBJECTS.map((o) => o.name));

/** Resolves one table entry (see the module docstring), following `$attr` references. */
function resolveSpec(id: string, resolved: Map<string, Set<string>>, visiting: Set<string>): Set<string> {
  const done = resolved.get(id);
  if (done) return done;
  const spec = ATTRIBUTE_TABLE[id];
  if (spec === undefined) throw new Error(`unknown attribute "${id}" (see ATTRIBUTE_TABLE in knowledge.ts)`);
  if (visiting.has(id)) throw new Error(`attribute "${id}" refers to itself through $ references`);
  visiting.add(id);
  const out = new Set<string>();
  for (const raw of spec.split("|").map((t) => t.trim()).filter(Boolean)) {
    const remove = raw.startsWith("-");
    const term = remove ? raw.slice(1) : raw;
    for (const name of termObjects(term, resolved, visiting)) remove ? out.delete(name) : out.add(name);
  }
  visiting.delete(id);
  resolved.set(id, out);
  return out;
}

/** The object names one term of a table entry stands for. */
function termObjects(term: string, resolved: Map<string, Set<string>>, visiting: Set<string>): Iterable<string> {
  if (term === "*") return OBJECT_NAMES;
  if (term.startsWith("@")) {
    const cat = term.slice(1) as TwentyQCategory;
    if (!TWENTY_Q_CATEGORIES.includes(cat)) throw new Error(`unknown category "${cat}" in ATTRIBUTE_TABLE`);
    return TWENTY_Q_OBJECTS.filter((o) => o.category === cat).map((o) => o.name);
  }
  if (term.startsWith("$")) return resolveSpec(term.slice(1), resolved, visiting);
  if (!OBJECT_NAMES.has(term)) throw new Error(`unknown object "${term}" in ATTRIBUTE_TABLE (use the first variant)`);
  return [term];
}

/** Every attribute resolved to its set of object names (size classes included). */
function resolveAll(): Map<string, Set<string>> {
  const resolved = new Map<string, Set<string>>();
  for (const [id, holds] of Object.entries(SIZE_CLASSES)) {
    resolved.set(id, new Set(TWENTY_Q_OBJECTS.filter((o) => holds(sizeOf(o))).map((o) => o.name)));
  }
  for (const id of Object.keys(ATTRIBUTE_TABLE)) resolveSpec(id, resolved, new Set());
  return resolved;
}

/**
 * Typical size of an object in centimetres.
 *
 * @example
 * sizeOf(findTwentyQObject("Ring")!); // 2
 */
export function sizeOf(o: TwentyQObject): number {
  const cm = SIZE_CM[o.name];
  if (cm === undefined) throw new Error(`no size for "${o.name}" in SIZE_CM (knowledge.ts)`);
  return cm;
}

const ATTRIBUTES: ReadonlyMap<string, ReadonlySet<string>> = resolveAll();

/** Every attribute id: the table's entries and the size classes (tiny, small, big, huge). */
export function attributeIds(): string[] {
  return [...ATTRIBUTES.keys()];
}

/** True when `id` names an attribute of the table (or a size class). */
export function isAttribute(id: string): boolean {
  return ATTRIBUTES.has(id);
}

/**
 * Whether the attribute holds for the object; throws on an unknown attribute id.
 *
 * @example
 * hasAttribute(findTwentyQObject("Kite")!, "canFly"); // true
 */
export function hasAttribute(o: TwentyQObject, id: string): boolean {
  const set = ATTRIBUTES.get(id);
  if (!set) throw new Error(`unknown attribute "${id}" (see ATTRIBUTE_TABLE in knowledge.ts)`);
  return set.has(o.name);
}
