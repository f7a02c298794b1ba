/**
 * The Twenty Questions objects: 158 objects in 17 categories, in the order of the reference's
 * `DEFAULT_OBJECT_DICT` (`llm_rl_scripts/twenty_questions/env/data.py`, github.com/abdulhaim/LMRL-Gym;
 * LMRL-Gym paper, App. C.6). Each entry keeps the reference's ";"-separated variants, the first of which
 * is the object's name; any variant counts as a correct guess.
 *
 * @example
 * findTwentyQObject("tv")?.name;            // "Television"
 * findTwentyQObject("Pair of scissors")?.name; // "Scissors"
 * formatVariants(findTwentyQObject("Plane")!); // "(Airplane, Plane)"
 */

/** The 17 category names, in the reference's order. */
export const TWENTY_Q_CATEGORIES = [
  "Sports", "Animals", "Fruits", "Vehicles", "Clothes", "Electronics", "Musical Instruments", "Furniture",
  "Office Supplies", "Vegetables", "Art", "Kitchen Tools", "Nature", "Toys", "Jewelry", "Garden Supplies", "Tools",
] as const;

/** One of the 17 category names. */
export type TwentyQCategory = (typeof TWENTY_Q_CATEGORIES)[number];

/** A hidden object: its name (the first variant), every accepted variant, and its category. */
export interface TwentyQObject {
  readonly name: string;
  readonly variants: readonly string[];
  readonly category: TwentyQCategory;
}

/** The reference's `DEFAULT_OBJECT_DICT`, verbatim (variants joined by ";" as `WordVariants.from_str` reads them). */
const OBJECT_DICT: Record<TwentyQCategory, readonly string[]> = {
  Sports: ["Basketball", "Football", "Baseball", "Soccer ball", "Golf ball", "Tennis ball", "Volleyball", "Tennis racket", "Baseball bat", "Helmet"],
  Animals: ["Cat", "Dog", "Horse", "Cow", "Sheep", "Rabbit", "Lion", "Tiger", "Bear", "Elephant"],
  Fruits: ["Apple", "Banana", "Orange", "Strawberry", "Grape", "Watermelon", "Pineapple", "Mango", "Cantaloupe", "Peach"],
  Vehicles: ["Car", "Truck", "Motorcycle", "Boat", "Airplane;Plane", "Train", "Bus", "Helicopter", "Scooter", "Ship"],
  Clothes: ["Shirt", "Pants;Pant;Pair of pants", "Jacket", "Dress", "Skirt", "Belt", "Shoes;Shoe;Pair of shoes", "Boots;Boot;Pair of boots", "Socks;Sock;Pair of socks", "Hat", "Scarf"],
  Electronics: ["Computer", "Smartphone", "Television;TV", "Headphone;Headphones;Pair of headphones", "Monitor;Computer monitor", "Camera", "Microwave;Microwave oven", "Refrigerator", "Blender", "Computer keyboard;Keyboard"],
  "Musical Instruments": ["Piano", "Guitar", "Drum;Drums", "Violin", "Saxophone", "Flute", "Trumpet", "Clarinet", "Harp", "Trombone"],
  Furniture: ["Chair", "Table", "Bed", "Desk", "Couch", "Dresser", "Bookcase", "Nightstand", "Mattress", "Pillow"],
  "Office Supplies": ["Pen", "Paper;Piece of paper", "Stapler", "Printer", "Calculator", "Battery;Battery pack;Pack of batteries", "Toothbrush", "Toothpaste", "Pencil", "Sharpie", "Scissors;Pair of scissors", "Key", "Diary", "Calendar"],
  Vegetables: ["Carrot", "Potato", "Broccoli", "Tomato", "Onion", "Spinach", "Corn", "Peas;Pea", "Celery", "Cucumber"],
  Art: ["Painting;Canvas painting;Oil painting;Watercolor painting", "Paintbrush", "Canvas;Painting canvas", "Eraser;Pencil eraser", "Marker", "Glue;Glue stick;Bottle of glue", "Sculpture"],
  "Kitchen Tools": ["Knife", "Spoon", "Fork", "Plate", "Bowl", "Cooking pot;Pot", "Pan;Saucepan;Frying pan", "Cup", "Chopstick;Chopsticks;Pair of chopsticks", "Whisk"],
  Nature: ["Rock", "Tree", "Bush", "Mountain", "Forest", "Ocean", "Sea", "Lake", "River", "Meteorite", "Cactus"],
  Toys: ["Lego;Lego set", "Doll;Toy doll;Plush doll", "Kite", "Puzzle;Jigsaw puzzle", "Stuffed animal"],
  Jewelry: ["Earring;Earrings;Pair of earrings", "Necklace", "Bracelet", "Ring", "Brooch", "Hairclip", "Pendant", "Watch", "Locket"],
  "Garden Supplies": ["Gloves;Glove;Pair of gloves", "Shovel", "Rake", "Watering can", "Lawn mower"],
  Tools: ["Hammer", "Screwdriver", "Wrench", "Saw", "Pliers;plier;Pair of pliers", "Drill"],
};

/** Every object, in the reference's order (index = `seed mod 158` in the reference's deterministic mode). */
export const TWENTY_Q_OBJECTS: readonly TwentyQObject[] = Object.freeze(
  TWENTY_Q_CATEGORIES.flatMap((category) =>
    OBJECT_DICT[category].map((entry) => {
      const variants = Object.freeze(entry.split(";"));
      return Object.freeze({ name: variants[0], variants, category });
    }),
  ),
);

const BY_VARIANT = new Map<string, TwentyQObject>();
for (const o of TWENTY_Q_OBJECTS) for (const v of o.variants) BY_VARIANT.set(v.toLowerCase(), o);

/**
 * The object one of whose variants is `variant` (case-insensitive, surrounding spaces ignored), or
 * undefined.
 *
 * @example
 * findTwentyQObject("pair of shoes")?.name; // "Shoes"
 * findTwentyQObject("unicorn");              // undefined
 */
export function findTwentyQObject(variant: string): TwentyQObject | undefined {
  return BY_VARIANT.get(variant.trim().toLowerCase());
}

/**
 * The object's variants as the reference's `WordVariants.__str__` renders them in the oracle prompt.
 *
 * @example
 * formatVariants(findTwentyQObject("TV")!); // "(Television, TV)"
 */
export function formatVariants(o: TwentyQObject): string {
  return `(${o.variants.join(", ")})`;
}
