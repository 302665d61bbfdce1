"""True facts behind the bundled RA-DIT-style training files (see build_sample_data.py).

Written for this project (no item is taken from a public QA benchmark). Each topic is an entity
and facts about it; every fact answers one question and is that question's gold passage. The
topic's other facts are the topical distractors a retriever would return for the question: same
entity, other facts, no answer.

TASKS: (title, [(fact, question, answer), ...]) — short-answer questions (the "tasks" source).
OASST: the same shape; the answer is a reference response to an instruction (the "oasst" source).
"""

TASKS = [
    ("Mount Everest", [
        ("Mount Everest rises 8,849 metres above sea level, the highest summit on Earth.", "how high is mount everest above sea level", "8,849 metres"),
        ("Mount Everest stands in the Mahalangur Himal, a section of the Himalayas.", "in which section of the himalayas is mount everest", "the Mahalangur Himal"),
        ("Edmund Hillary and Tenzing Norgay made the first confirmed ascent of Mount Everest in 1953.", "in which year was mount everest first climbed", "1953"),
        ("In Tibetan, Mount Everest is called Chomolungma.", "what is the tibetan name of mount everest", "Chomolungma"),
    ]),
    ("Iron", [
        ("Iron has the chemical symbol Fe, from the Latin word ferrum.", "what is the chemical symbol of iron", "Fe"),
        ("Iron has atomic number 26.", "what is the atomic number of iron", "26"),
        ("Iron melts at 1,538 degrees Celsius.", "at what temperature does iron melt", "1,538 degrees Celsius"),
        ("Hemoglobin, the protein that carries oxygen in blood, contains iron.", "which blood protein that carries oxygen contains iron", "hemoglobin"),
    ]),
    ("Nineteen Eighty-Four", [
        ("Nineteen Eighty-Four is a dystopian novel written by George Orwell.", "who wrote the novel nineteen eighty-four", "George Orwell"),
        ("Nineteen Eighty-Four was first published in 1949 by Secker and Warburg.", "in which year was nineteen eighty-four published", "1949"),
        ("The protagonist of Nineteen Eighty-Four is Winston Smith, a clerk at the Ministry of Truth.", "who is the protagonist of nineteen eighty-four", "Winston Smith"),
        ("Nineteen Eighty-Four is set in Airstrip One, a province of the superstate Oceania.", "in which superstate is nineteen eighty-four set", "Oceania"),
    ]),
    ("Ottawa", [
        ("Ottawa, the capital of Canada, is in the province of Ontario.", "in which province is ottawa", "Ontario"),
        ("The Rideau Canal in Ottawa opened in 1832 and is a UNESCO World Heritage Site.", "in which year did the rideau canal open", "1832"),
        ("Queen Victoria chose Ottawa as the seat of government of the Province of Canada in 1857.", "which monarch chose ottawa as the seat of government", "Queen Victoria"),
        ("Ottawa lies on the south bank of the Ottawa River, across from Gatineau in Quebec.", "which city lies across the ottawa river from ottawa", "Gatineau"),
    ]),
    ("The Starry Night", [
        ("The Starry Night is an oil painting by Vincent van Gogh.", "who painted the starry night", "Vincent van Gogh"),
        ("The Starry Night was painted in June 1889, while its painter stayed at the asylum of Saint-Remy-de-Provence.", "in which year was the starry night painted", "1889"),
        ("The Starry Night has hung in the Museum of Modern Art in New York City since 1941.", "which museum holds the starry night", "the Museum of Modern Art"),
        ("A tall dark cypress tree fills the left foreground of The Starry Night.", "what kind of tree is in the foreground of the starry night", "a cypress"),
    ]),
    ("Mercury (planet)", [
        ("By day the surface of Mercury reaches about 430 degrees Celsius.", "how hot does the surface of mercury get by day", "430 degrees Celsius"),
        ("A year on Mercury lasts about 88 Earth days.", "how many earth days does a year on mercury last", "88"),
        ("Mercury has no moons.", "how many moons does mercury have", "no moons"),
        ("The MESSENGER probe orbited Mercury from 2011 to 2015.", "which nasa probe orbited mercury from 2011 to 2015", "MESSENGER"),
    ]),
    ("World War II", [
        ("World War II ended in 1945.", "in which year did world war ii end", "1945"),
        ("World War II began when Germany invaded Poland on 1 September 1939.", "which country did germany invade to start world war ii", "Poland"),
        ("The Normandy landings of World War II took place on 6 June 1944, known as D-Day.", "what is the day of the normandy landings known as", "D-Day"),
        ("Winston Churchill was Prime Minister of the United Kingdom for most of World War II.", "who was british prime minister for most of world war ii", "Winston Churchill"),
    ]),
    ("Charles Darwin", [
        ("Charles Darwin proposed the theory of evolution by natural selection.", "who proposed the theory of evolution by natural selection", "Charles Darwin"),
        ("Darwin sailed around the world on HMS Beagle between 1831 and 1836.", "on which ship did darwin sail around the world", "HMS Beagle"),
        ("Darwin published On the Origin of Species in 1859.", "in which year was on the origin of species published", "1859"),
        ("Darwin was born in Shrewsbury, England, in 1809.", "in which english town was charles darwin born", "Shrewsbury"),
    ]),
    ("Nile", [
        ("The Nile, usually regarded as the longest river in Africa, is about 6,650 kilometres long.", "how long is the nile", "6,650 kilometres"),
        ("The White Nile and the Blue Nile meet at Khartoum, the capital of Sudan.", "in which city do the white nile and blue nile meet", "Khartoum"),
        ("The Blue Nile flows out of Lake Tana in Ethiopia.", "from which lake does the blue nile flow", "Lake Tana"),
        ("The Nile empties into the Mediterranean Sea through a delta in northern Egypt.", "into which sea does the nile empty", "the Mediterranean Sea"),
    ]),
    ("Atmosphere of Earth", [
        ("Nitrogen makes up about 78 percent of Earth's dry atmosphere.", "which gas makes up most of earth's atmosphere", "nitrogen"),
        ("The ozone layer of Earth's atmosphere absorbs most of the Sun's ultraviolet radiation.", "which layer of the atmosphere absorbs most ultraviolet radiation", "the ozone layer"),
        ("The troposphere is the lowest layer of Earth's atmosphere, where nearly all weather occurs.", "what is the lowest layer of earth's atmosphere called", "the troposphere"),
        ("Argon is the third most abundant gas in Earth's atmosphere, at just under one percent.", "what is the third most abundant gas in the atmosphere", "argon"),
    ]),
    ("George Washington", [
        ("George Washington was the first president of the United States.", "who was the first president of the united states", "George Washington"),
        ("Washington served as president from 1789 to 1797.", "in which year did george washington become president", "1789"),
        ("Washington commanded the Continental Army in the American Revolutionary War.", "which army did george washington command in the revolutionary war", "the Continental Army"),
        ("Washington's estate, Mount Vernon, stands on the Potomac River in Virginia.", "what was the name of george washington's estate", "Mount Vernon"),
    ]),
    ("Pacific Ocean", [
        ("The Pacific Ocean reaches from the Arctic Ocean in the north to the Southern Ocean in the south.", "which ocean borders the pacific to the south", "the Southern Ocean"),
        ("The deepest known point of the Pacific, the Challenger Deep, lies in the Mariana Trench.", "in which trench is the challenger deep", "the Mariana Trench"),
        ("Ferdinand Magellan named the Pacific, from the Portuguese word for peaceful.", "which explorer named the pacific ocean", "Ferdinand Magellan"),
        ("The Pacific covers about 165 million square kilometres.", "how many square kilometres does the pacific cover", "165 million"),
    ]),
    ("Pound sterling", [
        ("The ISO 4217 code of the pound sterling is GBP.", "what is the currency code of the pound sterling", "GBP"),
        ("Since decimalisation in 1971, one pound sterling is divided into 100 pence.", "how many pence are in a pound", "100"),
        ("The Bank of England issues the pound sterling in England and Wales.", "which bank issues the pound in england and wales", "the Bank of England"),
        ("The symbol of the pound sterling, a stylised L, comes from the Latin word libra.", "from which latin word does the pound symbol come", "libra"),
    ]),
    ("Ludwig van Beethoven", [
        ("Ludwig van Beethoven composed the Ninth Symphony, whose finale sets the Ode to Joy.", "who composed the symphony with the ode to joy", "Ludwig van Beethoven"),
        ("Beethoven was born in Bonn in 1770.", "in which city was beethoven born", "Bonn"),
        ("Beethoven wrote only one opera, Fidelio.", "what was the name of beethoven's only opera", "Fidelio"),
        ("Beethoven lost most of his hearing in the last decade of his life.", "which sense did beethoven lose late in life", "hearing"),
    ]),
    ("Photosynthesis", [
        ("In a leaf, most photosynthesis happens in the cells of the mesophyll.", "in which leaf tissue does most photosynthesis happen", "the mesophyll"),
        ("Photosynthesis releases oxygen as a by-product.", "which gas does photosynthesis release", "oxygen"),
        ("Photosynthesis takes place in chloroplasts, which contain the green pigment chlorophyll.", "in which part of the cell does photosynthesis take place", "chloroplasts"),
        ("The Calvin cycle is the set of reactions in photosynthesis that fix carbon dioxide into sugar.", "which cycle fixes carbon dioxide during photosynthesis", "the Calvin cycle"),
    ]),
    ("Great Wall of China", [
        ("The Great Wall of China was built to protect Chinese states from raids by nomadic peoples of the north.", "why was the great wall of china built", "raids by nomadic peoples"),
        ("Most of the Great Wall that stands today was built under the Ming dynasty.", "under which dynasty was most of the surviving great wall built", "the Ming dynasty"),
        ("The eastern end of the Ming Great Wall reaches the sea at Shanhai Pass.", "where does the eastern end of the great wall reach the sea", "Shanhai Pass"),
        ("The Great Wall of China was listed as a UNESCO World Heritage Site in 1987.", "in which year did the great wall become a world heritage site", "1987"),
    ]),
    ("Honey bee", [
        ("A honey bee colony is led by a single queen, who lays the eggs.", "who lays the eggs in a honey bee colony", "the queen"),
        ("Honey bees tell each other where food is with the waggle dance.", "how do honey bees tell each other where food is", "the waggle dance"),
        ("Male honey bees are called drones.", "what are male honey bees called", "drones"),
        ("Honey bees build their combs from beeswax made in glands on their abdomen.", "what do honey bees build their combs from", "beeswax"),
    ]),
    ("Alexander Fleming", [
        ("Alexander Fleming discovered penicillin in 1928.", "who discovered penicillin", "Alexander Fleming"),
        ("Fleming noticed that a Penicillium mould killed the bacteria around it on a culture plate.", "what kind of organism produced the first penicillin", "a mould"),
        ("Fleming shared the 1945 Nobel Prize in Physiology or Medicine with Howard Florey and Ernst Chain.", "in which year did fleming receive the nobel prize", "1945"),
        ("Fleming was born in Ayrshire, Scotland, in 1881.", "in which country was alexander fleming born", "Scotland"),
    ]),
    ("Tokyo", [
        ("Tokyo lies on Tokyo Bay, on the island of Honshu.", "on which japanese island is tokyo", "Honshu"),
        ("Tokyo was called Edo until it was renamed in 1868.", "what was tokyo called before 1868", "Edo"),
        ("Tokyo hosted the Summer Olympic Games in 1964 and in 2021.", "in which year did tokyo first host the summer olympics", "1964"),
        ("The Tokyo Skytree, a broadcasting tower, is 634 metres tall.", "how tall is the tokyo skytree", "634 metres"),
    ]),
    ("Albert Einstein", [
        ("Albert Einstein developed the theory of general relativity.", "who developed the theory of general relativity", "Albert Einstein"),
        ("Einstein received the 1921 Nobel Prize in Physics for explaining the photoelectric effect.", "for what discovery did einstein receive the nobel prize", "the photoelectric effect"),
        ("Einstein was born in Ulm, in the Kingdom of Wurttemberg, in 1879.", "in which city was albert einstein born", "Ulm"),
        ("From 1933 Einstein worked at the Institute for Advanced Study in Princeton.", "at which institute did einstein work from 1933", "the Institute for Advanced Study"),
    ]),
    ("Sahara", [
        ("The Sahara stretches from the Atlantic Ocean in the west to the Red Sea in the east.", "which sea marks the eastern edge of the sahara", "the Red Sea"),
        ("The Sahara covers about 9 million square kilometres of northern Africa.", "how many square kilometres does the sahara cover", "9 million"),
        ("The highest peak of the Sahara is Emi Koussi, a volcano in Chad.", "what is the highest peak in the sahara", "Emi Koussi"),
        ("The dromedary camel has been used to cross the Sahara for centuries.", "which animal has long been used to cross the sahara", "the dromedary camel"),
    ]),
    ("Marie Curie", [
        ("Marie Curie was the first woman to win a Nobel Prize.", "who was the first woman to win a nobel prize", "Marie Curie"),
        ("Curie discovered the elements polonium and radium with her husband Pierre.", "which two elements did marie curie discover", "polonium and radium"),
        ("Curie was born in Warsaw in 1867.", "in which city was marie curie born", "Warsaw"),
        ("Curie won Nobel Prizes in two sciences, physics and chemistry.", "in which two sciences did marie curie win nobel prizes", "physics and chemistry"),
    ]),
    ("Amazon rainforest", [
        ("The Amazon rainforest is home to around 390 billion individual trees.", "how many trees grow in the amazon rainforest", "390 billion"),
        ("About 60 percent of the Amazon rainforest lies in Brazil.", "which country holds most of the amazon rainforest", "Brazil"),
        ("The Amazon rainforest covers about 5.5 million square kilometres.", "how many square kilometres does the amazon rainforest cover", "5.5 million"),
        ("The jaguar is the largest cat of the Amazon rainforest.", "what is the largest cat in the amazon rainforest", "the jaguar"),
    ]),
    ("Leonardo da Vinci", [
        ("Leonardo da Vinci painted The Last Supper on a wall of a convent in Milan.", "who painted the last supper", "Leonardo da Vinci"),
        ("Leonardo was born in 1452 near the town of Vinci in Tuscany.", "in which year was leonardo da vinci born", "1452"),
        ("Leonardo's drawing of a man inscribed in a circle and a square is the Vitruvian Man.", "what is leonardo's drawing of a man in a circle and square called", "the Vitruvian Man"),
        ("Leonardo spent his last years in France, where he died at Amboise in 1519.", "in which country did leonardo da vinci die", "France"),
    ]),
    ("Moon", [
        ("The Moon is about 384,400 kilometres from Earth on average.", "how far is the moon from earth", "384,400 kilometres"),
        ("Neil Armstrong was the first person to walk on the Moon, in July 1969.", "who was the first person to walk on the moon", "Neil Armstrong"),
        ("The Moon takes about 27.3 days to orbit Earth.", "how many days does the moon take to orbit earth", "27.3"),
        ("The dark plains on the Moon, called maria, are old lava flows.", "what are the dark plains on the moon called", "maria"),
    ]),
    ("Python (programming language)", [
        ("Guido van Rossum created the Python programming language.", "who created the python programming language", "Guido van Rossum"),
        ("Python was first released in 1991.", "in which year was python first released", "1991"),
        ("Python uses indentation rather than braces to delimit blocks of code.", "what does python use to delimit blocks of code", "indentation"),
        ("The Python language is named after the comedy group Monty Python.", "after what is the python language named", "Monty Python"),
    ]),
    ("Football World Cup", [
        ("Brazil has won the FIFA World Cup five times, more than any other country.", "which country has won the most football world cups", "Brazil"),
        ("The first FIFA World Cup was held in Uruguay in 1930.", "where was the first football world cup held", "Uruguay"),
        ("The FIFA World Cup is held every four years.", "how often is the football world cup held", "every four years"),
        ("The 2022 FIFA World Cup was held in Qatar.", "which country hosted the 2022 football world cup", "Qatar"),
    ]),
    ("Mars", [
        ("Olympus Mons on Mars is the tallest volcano in the Solar System.", "what is the tallest volcano in the solar system", "Olympus Mons"),
        ("The two moons of Mars are named Phobos and Deimos.", "what are the names of the moons of mars", "Phobos and Deimos"),
        ("Mars looks red because the dust on its surface is rich in iron oxide.", "why does mars look red", ["iron oxide", "rust"]),
        ("The Perseverance rover landed in Jezero Crater on Mars in 2021.", "in which crater did the perseverance rover land", "Jezero Crater"),
    ]),
    ("Mount Kilimanjaro", [
        ("Mount Kilimanjaro stands in Tanzania, near the border with Kenya.", "in which country is mount kilimanjaro", "Tanzania"),
        ("Kibo is the highest of the three volcanic cones of Mount Kilimanjaro.", "what is the highest volcanic cone of kilimanjaro", "Kibo"),
        ("Uhuru Peak, the summit of Mount Kilimanjaro, is 5,895 metres above sea level.", "how high is mount kilimanjaro", "5,895 metres"),
        ("Hans Meyer and Ludwig Purtscheller were the first to reach the summit of Kilimanjaro, in 1889.", "who first reached the summit of kilimanjaro", ["Hans Meyer and Ludwig Purtscheller", "Hans Meyer"]),
    ]),
    ("Isaac Newton", [
        ("Isaac Newton set out his laws of motion in the Principia, published in 1687.", "in which year did newton publish the principia", "1687"),
        ("Isaac Newton was born at Woolsthorpe in Lincolnshire in 1643.", "in which village was isaac newton born", "Woolsthorpe"),
        ("Newton built the first practical reflecting telescope in 1668.", "what kind of telescope did newton build in 1668", "reflecting telescope"),
        ("From 1699 until his death Newton was Master of the Royal Mint.", "which institution did newton head as its master from 1699", "the Royal Mint"),
    ]),
    ("Venice", [
        ("Venice is built on 118 small islands in a lagoon of the Adriatic Sea.", "on how many islands is venice built", "118"),
        ("The Grand Canal is the main waterway of Venice.", "what is the main waterway of venice", "the Grand Canal"),
        ("The Rialto Bridge is the oldest of the bridges that span the main canal of Venice.", "which is the oldest bridge over the main canal of venice", "the Rialto Bridge"),
        ("Venice is the capital of the Veneto region of Italy.", "of which italian region is venice the capital", "Veneto"),
    ]),
    ("DNA", [
        ("James Watson and Francis Crick described the double helix structure of DNA in 1953.", "who described the double helix structure of dna", ["James Watson and Francis Crick", "Watson and Crick"]),
        ("In DNA, the base adenine pairs with thymine.", "which base pairs with adenine in dna", "thymine"),
        ("Photo 51, an X-ray image taken in Rosalind Franklin's laboratory, showed the helical shape of DNA.", "what is the name of the x-ray image that showed the helical shape of dna", "Photo 51"),
        ("The DNA of a human body cell is packed into 46 chromosomes.", "how many chromosomes does a human body cell have", "46"),
    ]),
    ("Wolfgang Amadeus Mozart", [
        ("Wolfgang Amadeus Mozart was born in Salzburg in 1756.", "in which city was mozart born", "Salzburg"),
        ("Mozart's opera The Magic Flute was first performed in 1791, the year he died.", "which opera of mozart was first performed in the year he died", "The Magic Flute"),
        ("Mozart's father, Leopold Mozart, was a violinist and composer who taught his son.", "what was the first name of mozart's father", "Leopold"),
        ("Mozart left his Requiem unfinished at his death; Franz Xaver Sussmayr completed it.", "who completed mozart's requiem", ["Franz Xaver Sussmayr", "Sussmayr"]),
    ]),
    ("Antarctica", [
        ("Vostok Station in Antarctica recorded a temperature of minus 89.2 degrees Celsius in 1983.", "what is the lowest temperature recorded at vostok station", ["minus 89.2 degrees Celsius", "89.2"]),
        ("Roald Amundsen's expedition was the first to reach the South Pole, in December 1911.", "whose expedition first reached the south pole", ["Roald Amundsen", "Amundsen"]),
        ("The Antarctic Treaty, signed in 1959, sets Antarctica aside for peaceful scientific research.", "in which year was the antarctic treaty signed", "1959"),
        ("Mount Vinson is the highest mountain in Antarctica.", "what is the highest mountain in antarctica", ["Mount Vinson", "Vinson"]),
    ]),
    ("Saturn", [
        ("Titan, the largest moon of Saturn, has a thick atmosphere of nitrogen.", "what is the largest moon of saturn", "Titan"),
        ("Saturn takes about 29 Earth years to orbit the Sun.", "how many earth years does saturn take to orbit the sun", "29"),
        ("The Cassini spacecraft orbited Saturn from 2004 until 2017.", "which spacecraft orbited saturn from 2004 to 2017", "Cassini"),
        ("Saturn is the second-largest planet in the Solar System, after Jupiter.", "which planet is larger than saturn", "Jupiter"),
    ]),
    ("Chess", [
        ("A chess board has 64 squares.", "how many squares does a chess board have", "64"),
        ("Castling moves the king two squares towards a rook, which then crosses over the king.", "which chess move shifts the king two squares towards a rook", "castling"),
        ("The knight is the only chess piece that can jump over other pieces.", "which chess piece can jump over other pieces", "knight"),
        ("In 1997 IBM's Deep Blue computer won a chess match against world champion Garry Kasparov.", "which computer beat garry kasparov at chess in 1997", "Deep Blue"),
    ]),
    ("Coffee", [
        ("Coffee beans are the seeds of the Coffea plant.", "of which plant are coffee beans the seeds", "Coffea"),
        ("Brazil is the world's largest producer of coffee.", "which country produces the most coffee", "Brazil"),
        ("Espresso is made by forcing hot water through finely ground coffee under pressure.", "what is coffee made by forcing hot water through fine grounds under pressure called", "espresso"),
        ("Arabica and robusta are the two most widely grown species of coffee.", "besides arabica which coffee species is grown most widely", "robusta"),
    ]),
    ("Vitamin C", [
        ("The chemical name of vitamin C is ascorbic acid.", "what is the chemical name of vitamin c", "ascorbic acid"),
        ("A long lack of vitamin C in the diet causes scurvy.", "which disease does a lack of vitamin c cause", "scurvy"),
        ("The body needs vitamin C to make collagen, a protein of skin and blood vessels.", "which protein does the body need vitamin c to make", "collagen"),
        ("Albert Szent-Gyorgyi isolated vitamin C and won the 1937 Nobel Prize in Physiology or Medicine.", "who isolated vitamin c", ["Albert Szent-Gyorgyi", "Szent-Gyorgyi"]),
    ]),
    ("Great Barrier Reef", [
        ("The Great Barrier Reef lies off the coast of Queensland, Australia.", "off which australian state does the great barrier reef lie", "Queensland"),
        ("The Great Barrier Reef, the largest coral reef system in the world, stretches for over 2,300 kilometres.", "how long is the great barrier reef", "2,300 kilometres"),
        ("The Great Barrier Reef became a UNESCO World Heritage Site in 1981.", "in which year did the great barrier reef become a world heritage site", "1981"),
        ("Unusually warm sea water makes the corals of the Great Barrier Reef expel their algae, which is called coral bleaching.", "what is it called when warm water makes corals expel their algae", ["coral bleaching", "bleaching"]),
    ]),
    ("Great Pyramid of Giza", [
        ("The Great Pyramid of Giza was built as the tomb of the pharaoh Khufu.", "for which pharaoh was the great pyramid of giza built", "Khufu"),
        ("The Great Pyramid of Giza was completed around 2560 BC.", "around which year was the great pyramid of giza completed", ["2560 BC", "2560"]),
        ("The Great Pyramid of Giza was originally about 146 metres tall.", "how tall was the great pyramid of giza originally", ["146 metres", "146"]),
        ("The Great Pyramid of Giza stands on the Giza plateau, on the edge of Cairo.", "on the edge of which city does the great pyramid of giza stand", "Cairo"),
    ]),
    ("Thomas Edison", [
        ("Thomas Edison opened his research laboratory at Menlo Park, New Jersey, in 1876.", "where did thomas edison open his research laboratory in 1876", "Menlo Park"),
        ("Thomas Edison invented the phonograph, a machine that records and plays back sound, in 1877.", "which sound recording machine did edison invent in 1877", "phonograph"),
        ("Edison's company opened the Pearl Street Station, the first commercial central power station in the United States, in New York City in 1882.", "what was the name of edison's first power station in new york", "Pearl Street Station"),
        ("Thomas Edison was born in Milan, Ohio, in 1847.", "in which town was thomas edison born", ["Milan, Ohio", "Milan"]),
    ]),
    ("Lake Baikal", [
        ("Lake Baikal in Siberia is the deepest lake in the world, at 1,642 metres.", "how deep is lake baikal", "1,642 metres"),
        ("The Angara is the only river that flows out of Lake Baikal.", "which river flows out of lake baikal", "Angara"),
        ("The nerpa, or Baikal seal, lives only in Lake Baikal.", "which seal lives only in lake baikal", ["nerpa", "Baikal seal"]),
        ("Lake Baikal lies in the Russian region of Siberia, north of Mongolia.", "which country lies south of lake baikal", "Mongolia"),
    ]),
    ("Nelson Mandela", [
        ("Nelson Mandela was released from prison in 1990 after 27 years.", "for how many years was nelson mandela imprisoned", "27"),
        ("Nelson Mandela became the first black president of South Africa in 1994.", "in which year did nelson mandela become president of south africa", "1994"),
        ("Mandela spent 18 of his prison years on Robben Island.", "on which island was nelson mandela imprisoned", "Robben Island"),
        ("Mandela shared the 1993 Nobel Peace Prize with F. W. de Klerk.", "with whom did nelson mandela share the nobel peace prize", ["F. W. de Klerk", "de Klerk"]),
    ]),
    ("Mount Vesuvius", [
        ("The eruption of Mount Vesuvius in AD 79 buried the Roman town of Pompeii.", "which roman town did vesuvius bury in ad 79", "Pompeii"),
        ("Mount Vesuvius rises over the Bay of Naples in Italy.", "over which bay does mount vesuvius rise", ["Bay of Naples", "Naples"]),
        ("Pliny the Younger wrote the only surviving eyewitness account of the eruption of Vesuvius in AD 79.", "who wrote an eyewitness account of the eruption of vesuvius", "Pliny the Younger"),
        ("Mount Vesuvius last erupted in 1944.", "in which year did mount vesuvius last erupt", "1944"),
    ]),
    ("Mount Fuji", [
        ("Mount Fuji is the highest mountain in Japan, at 3,776 metres.", "how high is mount fuji", "3,776 metres"),
        ("Mount Fuji last erupted in 1707.", "in which year did mount fuji last erupt", "1707"),
        ("Mount Fuji stands on Honshu, the largest island of Japan.", "on which japanese island is mount fuji", "Honshu"),
        ("Katsushika Hokusai made the print series Thirty-six Views of Mount Fuji.", "which artist made thirty-six views of mount fuji", ["Katsushika Hokusai", "Hokusai"]),
    ]),
    ("Leaning Tower of Pisa", [
        ("The Leaning Tower of Pisa is the bell tower of Pisa Cathedral.", "of which church is the leaning tower of pisa the bell tower", "Pisa Cathedral"),
        ("Building of the Leaning Tower of Pisa began in 1173.", "in which year did building of the leaning tower of pisa begin", "1173"),
        ("The Leaning Tower of Pisa began to lean during building because its foundation sat on soft ground.", "why does the leaning tower of pisa lean", "soft ground"),
        ("Between 1990 and 2001 engineers reduced the tilt of the Leaning Tower of Pisa by about 45 centimetres.", "by how much was the tilt of the leaning tower of pisa reduced", "45 centimetres"),
    ]),
    ("Blue whale", [
        ("A blue whale can grow to about 30 metres long.", "how long can a blue whale grow", "30 metres"),
        ("Blue whales feed almost only on krill.", "what do blue whales mostly eat", "krill"),
        ("The heart of a blue whale weighs about 180 kilograms.", "how much does the heart of a blue whale weigh", "180 kilograms"),
        ("The International Whaling Commission banned the hunting of blue whales in 1966.", "in which year was hunting blue whales banned", "1966"),
    ]),
]

OASST = [
    ("Green tea", [
        ("Green tea should be brewed with water at about 80 degrees Celsius for two to three minutes, because boiling water makes it bitter.", "how should i brew green tea", "Use water at about 80 degrees Celsius and steep it for two to three minutes."),
        ("Green tea is made from leaves of the Camellia sinensis plant that are not oxidised.", "what plant is green tea made from", "Green tea is made from the unoxidised leaves of the Camellia sinensis plant."),
        ("A cup of green tea holds roughly 30 milligrams of caffeine, less than a cup of coffee.", "does green tea have caffeine", "Yes, a cup of green tea has roughly 30 milligrams of caffeine, less than coffee."),
    ]),
    ("Houseplant care", [
        ("Most houseplants die from overwatering: water them only when the top few centimetres of soil feel dry.", "how often should i water my houseplants", "Water them only when the top few centimetres of soil feel dry, since overwatering kills most houseplants."),
        ("Yellowing lower leaves on a houseplant often mean its roots sit in soggy soil.", "why are the leaves of my houseplant turning yellow", "Yellow lower leaves often mean the roots sit in soggy soil from overwatering."),
        ("A pot for a houseplant needs drainage holes so excess water can escape.", "what kind of pot should i use for a houseplant", "Use a pot with drainage holes so excess water can escape."),
    ]),
    ("Running", [
        ("New runners should raise their weekly distance by no more than about ten percent to avoid injury.", "how fast should i increase my running distance", "Increase your weekly distance by no more than about ten percent to avoid injury."),
        ("Running shoes should be replaced after roughly 500 to 800 kilometres, when the cushioning wears out.", "when should i replace my running shoes", "Replace them after roughly 500 to 800 kilometres, when the cushioning wears out."),
        ("A warm-up of five to ten minutes of easy jogging prepares the muscles before a run.", "how should i warm up before running", "Jog easily for five to ten minutes to prepare your muscles."),
    ]),
    ("Sourdough", [
        ("A sourdough starter is a mix of flour and water fermented by wild yeast and lactic acid bacteria.", "what is a sourdough starter", "A mix of flour and water fermented by wild yeast and lactic acid bacteria."),
        ("A sourdough starter should be fed fresh flour and water once a day when kept at room temperature.", "how often should i feed my sourdough starter", "Feed it fresh flour and water once a day when you keep it at room temperature."),
        ("Sourdough bread tastes sour because lactic acid bacteria in the starter produce lactic and acetic acids.", "why does sourdough bread taste sour", "Bacteria in the starter produce lactic and acetic acids that make it sour."),
        ("Sourdough dough is ready to bake when it has risen by about half and springs back slowly when pressed.", "how do i know when sourdough dough is ready to bake", "It is ready when it has risen by about half and springs back slowly when pressed."),
    ]),
    ("Cast iron pan", [
        ("A cast iron pan should be dried right after washing and wiped with a thin layer of oil so it does not rust.", "how do i keep my cast iron pan from rusting", "Dry it right after washing and wipe it with a thin layer of oil."),
        ("Seasoning a cast iron pan means baking thin coats of oil onto it until they form a hard, non-stick layer.", "what does seasoning a cast iron pan mean", "Baking thin coats of oil onto the pan until they form a hard, non-stick layer."),
        ("Simmering acidic foods such as tomato sauce for a long time can strip the seasoning of a cast iron pan.", "can i cook tomato sauce in a cast iron pan", "Briefly, yes; simmering acidic food like tomato sauce for a long time can strip the seasoning."),
        ("A cast iron pan heats unevenly, so it should be preheated slowly on medium heat.", "how should i heat a cast iron pan", "Preheat it slowly on medium heat so it heats evenly."),
    ]),
    ("Learning a language", [
        ("Short daily practice, such as fifteen minutes a day, is remembered better than one long session a week.", "how often should i practise a new language", "A little every day, such as fifteen minutes, rather than one long session a week."),
        ("Spaced repetition shows each word again just before you are likely to forget it.", "what is spaced repetition", "A review method that shows each word again just before you are likely to forget it."),
        ("Talking with native speakers early gets learners used to real pronunciation and speed.", "when should i start talking with native speakers", "Early on, since it gets you used to real pronunciation and speed."),
        ("Graded readers are books written with a limited vocabulary for language learners.", "what books should a beginner read in a new language", "Graded readers, books written with a limited vocabulary for learners."),
    ]),
]
