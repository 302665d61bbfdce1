"""True facts behind the bundled sample eval sets (see build_sample_data.py).

Written for this project (no item is taken from a public QA benchmark). Same shape as
facts_train.py, with a list of gold answers per question: (title, [(fact, question, answers)]).
Eval topics share no entity with the training topics.
"""

NQ = [
    ("Canberra", [
        ("Canberra was chosen as the capital of Australia in 1908, as a compromise between Sydney and Melbourne.", "which two cities was canberra a compromise between", ["Sydney and Melbourne"]),
        ("Lake Burley Griffin, an artificial lake in the centre of Canberra, was filled in 1964.", "what is the name of the artificial lake in canberra", ["Lake Burley Griffin", "Burley Griffin"]),
        ("Canberra was designed by the American architects Walter Burley Griffin and Marion Mahony Griffin.", "which architects designed canberra", ["Walter Burley Griffin and Marion Mahony Griffin", "Walter Burley Griffin"]),
    ]),
    ("Gold", [
        ("Gold has the chemical symbol Au, from the Latin word aurum.", "what is the chemical symbol for gold", ["Au"]),
        ("Gold has atomic number 79.", "what is the atomic number of gold", ["79"]),
        ("The purity of gold is measured in carats, with pure gold being 24 carats.", "how many carats is pure gold", ["24", "24 carats"]),
    ]),
    ("Human skeleton", [
        ("The adult human skeleton has 206 bones.", "how many bones are in the adult human body", ["206"]),
        ("The femur, the thigh bone, is the longest bone in the human body.", "what is the longest bone in the human body", ["the femur", "femur"]),
        ("The stapes, in the middle ear, is the smallest bone in the human body.", "what is the smallest bone in the human body", ["the stapes", "stapes"]),
    ]),
    ("Mona Lisa", [
        ("The Mona Lisa was painted by the Italian artist Leonardo da Vinci.", "who painted the mona lisa", ["Leonardo da Vinci", "Leonardo"]),
        ("The Mona Lisa hangs in the Louvre in Paris.", "in which museum does the mona lisa hang", ["the Louvre", "Louvre"]),
        ("The Mona Lisa was stolen in 1911 by Vincenzo Peruggia and recovered two years later.", "who stole the mona lisa in 1911", ["Vincenzo Peruggia", "Peruggia"]),
    ]),
    ("Jupiter", [
        ("Jupiter is the largest planet in the Solar System.", "what is the largest planet in the solar system", ["Jupiter"]),
        ("The Great Red Spot is a giant storm that has raged for centuries.", "what is the name of the giant storm on the largest planet", ["the Great Red Spot", "Great Red Spot"]),
        ("Ganymede, the biggest moon in the Solar System, orbits the fifth planet from the Sun.", "what is the biggest moon in the solar system", ["Ganymede"]),
    ]),
    ("Berlin Wall", [
        ("The Berlin Wall fell on 9 November 1989.", "in which year did the berlin wall fall", ["1989"]),
        ("Construction of the Berlin Wall began in August 1961.", "in which year was the berlin wall built", ["1961"]),
        ("Checkpoint Charlie was the best-known crossing point in the Berlin Wall.", "what was the best known crossing point in the berlin wall", ["Checkpoint Charlie"]),
    ]),
    ("Boiling point", [
        ("At sea level pure water boils at 100 degrees Celsius.", "what is the boiling point of water at sea level in celsius", ["100", "100 degrees Celsius"]),
        ("On the summit of Mount Everest water boils at about 70 degrees Celsius, because the air pressure is lower.", "at what temperature does water boil on the summit of everest", ["70", "70 degrees Celsius"]),
        ("Adding salt to water raises its boiling point slightly.", "what does adding salt do to the boiling point of water", ["raises it", "raises"]),
    ]),
    ("Amazon River", [
        ("The Amazon River carries more water than any other river in the world.", "which river carries the most water in the world", ["the Amazon", "Amazon", "Amazon River"]),
        ("The mouth of the river lies in northern Brazil, where it meets the Atlantic Ocean.", "into which ocean does the amazon river flow", ["the Atlantic Ocean", "Atlantic"]),
        ("The river's source is in the Andes mountains of Peru.", "in which country does the amazon river begin", ["Peru"]),
    ]),
    ("Hydrogen", [
        ("Hydrogen is the element with atomic number 1.", "which element has atomic number 1", ["hydrogen"]),
        ("The lightest element was named by Antoine Lavoisier in 1783, from Greek words meaning water-former.", "who named the element with atomic number 1", ["Antoine Lavoisier", "Lavoisier"]),
        ("Deuterium is an isotope of the lightest element whose nucleus holds one proton and one neutron.", "what is the isotope of hydrogen with one neutron called", ["deuterium"]),
    ]),
    ("Olympic Games", [
        ("The first modern Olympic Games were held in Athens in 1896.", "where were the first modern olympic games held", ["Athens"]),
        ("Pierre de Coubertin founded the International Olympic Committee in 1894.", "who founded the international olympic committee", ["Pierre de Coubertin", "Coubertin"]),
        ("The Olympic flag shows five interlocking rings on a white background.", "how many rings are on the olympic flag", ["five", "5"]),
    ]),
]

HOTPOTQA = [
    ("Eiffel Tower", [
        ("The Eiffel Tower was built by the company of Gustave Eiffel, an engineer born in Dijon.", "in which city was the engineer whose company built the eiffel tower born", ["Dijon"]),
        ("The Eiffel Tower was completed for the 1889 World's Fair, held to mark the centenary of the French Revolution.", "the eiffel tower was finished for a fair marking the centenary of which event", ["the French Revolution", "French Revolution"]),
        ("The Eiffel Tower stands on the Champ de Mars, beside the river Seine.", "on which open space in paris does the eiffel tower stand", ["the Champ de Mars", "Champ de Mars"]),
    ]),
    ("Harry Potter", [
        ("The Harry Potter novels were written by J. K. Rowling, who was born in Yate, England.", "in which town was the author of the harry potter novels born", ["Yate"]),
        ("The first Harry Potter novel was published by Bloomsbury in 1997.", "which publisher released the first harry potter novel", ["Bloomsbury"]),
        ("The school in the Harry Potter novels, Hogwarts, is in Scotland.", "in which country is the school attended by harry potter", ["Scotland"]),
    ]),
    ("Danube", [
        ("The Danube flows through Budapest, the capital of Hungary.", "which capital of hungary lies on the danube", ["Budapest"]),
        ("The Danube rises in the Black Forest of Germany.", "in which forest does the danube rise", ["the Black Forest", "Black Forest"]),
        ("The Danube ends in a delta on the coast of the Black Sea in Romania.", "into which sea does the danube flow", ["the Black Sea", "Black Sea"]),
    ]),
    ("Apollo 11", [
        ("Apollo 11 was commanded by Neil Armstrong, who was born in Wapakoneta, Ohio.", "in which us state was the commander of apollo 11 born", ["Ohio"]),
        ("The Apollo 11 lunar module was named Eagle.", "what was the name of the apollo 11 lunar module", ["Eagle"]),
        ("Michael Collins stayed in lunar orbit aboard the command module Columbia during Apollo 11.", "which apollo 11 astronaut stayed in lunar orbit", ["Michael Collins", "Collins"]),
    ]),
    ("Romeo and Juliet", [
        ("Romeo and Juliet was written by William Shakespeare, whose birthplace is Stratford-upon-Avon.", "where was the author of romeo and juliet born", ["Stratford-upon-Avon"]),
        ("Romeo and Juliet is set in the Italian city of Verona.", "in which italian city is romeo and juliet set", ["Verona"]),
        ("In Romeo and Juliet, Juliet belongs to the house of Capulet.", "to which family does juliet belong", ["Capulet", "the Capulets"]),
    ]),
    ("Telephone", [
        ("Alexander Graham Bell, who patented the telephone in 1876, was born in Edinburgh.", "in which city was the man who patented the telephone born", ["Edinburgh"]),
        ("The first words spoken over Bell's telephone were addressed to his assistant Thomas Watson.", "to whom were the first words on the telephone addressed", ["Thomas Watson", "Watson"]),
        ("The Bell Telephone Company was founded in Boston in 1877.", "in which city was the bell telephone company founded", ["Boston"]),
    ]),
    ("Panama Canal", [
        ("The Panama Canal links the Atlantic Ocean with the Pacific Ocean.", "which ocean does the panama canal connect to the atlantic", ["the Pacific Ocean", "Pacific"]),
        ("The Panama Canal opened in 1914, while Woodrow Wilson was president of the United States.", "who was us president when the panama canal opened", ["Woodrow Wilson", "Wilson"]),
        ("Ships in the Panama Canal are raised to Gatun Lake by locks.", "which lake do locks raise ships to in the panama canal", ["Gatun Lake", "Gatun"]),
    ]),
    ("Galileo Galilei", [
        ("Galileo Galilei discovered four moons of the planet named after the king of the Roman gods, Jupiter.", "galileo discovered four moons of the planet named after which roman god", ["Jupiter"]),
        ("Galileo was born in Pisa in 1564.", "in which city was galileo born", ["Pisa"]),
        ("Galileo was tried by the Roman Inquisition in 1633 for supporting heliocentrism.", "which body tried galileo in 1633", ["the Roman Inquisition", "Roman Inquisition", "the Inquisition"]),
    ]),
    ("Titanic", [
        ("The Titanic sank in 1912 after striking an iceberg on its maiden voyage from Southampton.", "from which port did the titanic sail on its maiden voyage", ["Southampton"]),
        ("The Titanic was built by Harland and Wolff in Belfast.", "in which city was the titanic built", ["Belfast"]),
        ("The wreck of the Titanic was found in 1985 by a team led by Robert Ballard.", "who led the team that found the wreck of the titanic", ["Robert Ballard", "Ballard"]),
    ]),
    ("Statue of Liberty", [
        ("The Statue of Liberty was a gift from the people of France to the United States.", "which country gave the statue of liberty to the united states", ["France"]),
        ("The statue's copper figure was designed by Frederic Auguste Bartholdi.", "who designed the statue of liberty", ["Frederic Auguste Bartholdi", "Bartholdi"]),
        ("The statue's iron framework was engineered by Gustave Eiffel, who later built a famous tower in Paris.", "which engineer designed the iron framework of the statue of liberty", ["Gustave Eiffel", "Eiffel"]),
    ]),
]

ELI5 = [
    ("Sky", [
        ("The sky looks blue because air molecules scatter short blue wavelengths of sunlight much more than red ones.", "why is the sky blue", ["Air molecules scatter blue light from the sun more than red light."]),
        ("Sunsets look red because near the horizon sunlight crosses much more air, which scatters the blue away and leaves red and orange.", "why are sunsets red", ["At sunset light passes through more air, which scatters away the blue and leaves red and orange."]),
        ("Clouds look white because their water droplets scatter all colours of light about equally.", "why are clouds white", ["Cloud droplets scatter all colours of light equally, so clouds look white."]),
    ]),
    ("Cat", [
        ("Cats purr by rapidly twitching the muscles of their larynx as they breathe in and out.", "how do cats purr", ["Cats twitch the muscles of their larynx as they breathe in and out."]),
        ("Cats often land on their feet because a righting reflex lets them twist their body around in mid-air.", "why do cats land on their feet", ["A righting reflex lets cats twist their body around in mid-air."]),
        ("Cats see well in dim light because a reflective layer behind the retina, the tapetum lucidum, bounces light back through it.", "why can cats see in the dark", ["A reflective layer behind the retina bounces light back through it, the tapetum lucidum."]),
    ]),
    ("Ocean", [
        ("The ocean is salty because rain dissolves minerals from rocks and rivers carry the salts to the sea, where they stay as water evaporates.", "why is the ocean salty", ["Rivers carry salts dissolved from rocks to the sea, and they stay behind when water evaporates."]),
        ("Ocean tides happen because the Moon's gravity pulls the water toward it, making bulges that move around the Earth.", "what causes ocean tides", ["The Moon's gravity pulls ocean water into bulges that move around the Earth."]),
        ("Ocean waves are mostly made by wind blowing across the surface of the water.", "what makes ocean waves", ["Wind blowing across the surface of the water makes most waves."]),
    ]),
    ("Sleep", [
        ("People need sleep because it lets the brain store memories and clear out waste, and lets the body repair tissue.", "why do we need sleep", ["Sleep lets the brain store memories and clear waste, and the body repair tissue."]),
        ("We dream mostly during REM sleep, when the brain is very active while the body's muscles are relaxed.", "when do we dream", ["Mostly during REM sleep, when the brain is active and the muscles are relaxed."]),
        ("Yawning may help cool the brain, and seeing someone yawn often makes people yawn too.", "why do we yawn", ["Yawning may help cool the brain, and it spreads when people see others yawn."]),
    ]),
    ("Refrigerator", [
        ("A refrigerator keeps food cold by pumping a refrigerant that absorbs heat inside as it evaporates and gives it off outside as it condenses.", "how does a refrigerator keep food cold", ["A refrigerant absorbs heat inside as it evaporates and gives it off outside as it condenses."]),
        ("The back of a refrigerator feels warm because the coils there release the heat taken from inside.", "why is the back of a fridge warm", ["Coils at the back release the heat taken from inside the fridge."]),
        ("Frost builds up in a freezer when moisture in the air freezes on its cold surfaces.", "why does frost build up in a freezer", ["Moisture in the air freezes on the cold surfaces inside."]),
    ]),
    ("Autumn leaves", [
        ("Leaves change colour in autumn because trees stop making green chlorophyll, revealing yellow and orange pigments that were there all along.", "why do leaves change colour in autumn", ["Trees stop making green chlorophyll, which reveals the yellow and orange pigments already there."]),
        ("Trees drop their leaves in autumn to save water and energy during the cold months.", "why do trees drop their leaves", ["Dropping leaves saves water and energy during the cold months."]),
        ("Some leaves turn red in autumn because the tree makes new pigments called anthocyanins as sugars build up.", "why do some leaves turn red", ["The tree makes red pigments called anthocyanins as sugars build up."]),
    ]),
    ("Stars", [
        ("Stars twinkle because moving air in Earth's atmosphere bends their light by changing amounts.", "why do stars twinkle", ["Moving air in the atmosphere bends starlight by changing amounts."]),
        ("Stars shine because nuclear fusion in their cores turns hydrogen into helium and releases energy.", "why do stars shine", ["Nuclear fusion in their cores turns hydrogen into helium and releases energy."]),
        ("Stars are hard to see in cities because light pollution brightens the night sky.", "why can't you see stars in the city", ["Light pollution brightens the night sky and hides the stars."]),
    ]),
    ("Bread", [
        ("Bread rises because yeast eats sugars in the dough and gives off carbon dioxide gas, which gets trapped by gluten.", "why does bread rise", ["Yeast eats sugars and gives off carbon dioxide, which gluten traps in the dough."]),
        ("Bread goes stale mainly because its starch crystallises again and the bread dries out.", "why does bread go stale", ["The starch crystallises again and the bread dries out."]),
        ("Toast turns brown because heat sets off the Maillard reaction between sugars and proteins.", "why does toast turn brown", ["Heat sets off the Maillard reaction between sugars and proteins."]),
    ]),
    ("Compass", [
        ("A compass works because its magnetised needle lines up with the Earth's magnetic field and points toward magnetic north.", "how does a compass work", ["A magnetised needle lines up with the Earth's magnetic field and points to magnetic north."]),
        ("Magnetic north moves over time because the molten iron in Earth's outer core that makes the field keeps flowing.", "why does magnetic north move", ["The flowing molten iron in the outer core that makes the field keeps changing."]),
        ("A compass can point the wrong way near iron or electronics, whose own magnetic fields pull the needle.", "why can a compass give wrong readings", ["Nearby iron or electronics have magnetic fields that pull the needle."]),
    ]),
    ("Soap", [
        ("Soap cleans because its molecules stick to grease at one end and to water at the other, so the grease washes away.", "how does soap clean things", ["Soap molecules stick to grease at one end and water at the other, so the grease washes away."]),
        ("Soap makes bubbles because it lowers the surface tension of water, letting thin films stretch without breaking.", "why does soap make bubbles", ["It lowers the surface tension of water so thin films can stretch."]),
        ("Washing hands with soap for twenty seconds breaks apart the fatty outer layer of many viruses.", "how does soap kill viruses", ["It breaks apart the fatty outer layer of many viruses."]),
    ]),
]
