//! Table tests: sentences written for these tests (not from the seeds) about many countries and people, covering
//! names, abbreviations, demonyms, metonyms, ambiguity, role appositions, the ambassador's-country rule and later
//! mentions. Each row is one document read by a fresh registry.
//!
//! Checks: `X=CODE` some mention with text X has code CODE; `X~ISO` some mention with text X has country ISO;
//! `!X` no mention has text X; `X==Y` the mentions X and Y are the same actor; `X!=Y` they are different actors.

use dyad_actors::Registry;

mod rules;

const ROWS: &[(&str, &[&str])] = &[
    // Names, abbreviations and official names.
    ("France and Germany signed a treaty.", &["France=FRA", "Germany=DEU"]),
    ("The United Kingdom left the European Union.", &["United Kingdom=GBR", "European Union=IGOEUREEC"]),
    ("The UK and the U.S. held talks.", &["UK=GBR", "U.S.=USA"]),
    ("The UAE hosted the summit.", &["UAE=ARE"]),
    ("The PRC protested.", &["PRC=CHN"]),
    ("The ROK and the DPRK met at Panmunjom.", &["ROK=KOR", "DPRK=PRK"]),
    ("Fighting continued in the DRC.", &["DRC=COD"]),
    ("The Islamic Republic of Iran rejected the offer.", &["Islamic Republic of Iran=IRN"]),
    ("The Russian Federation vetoed the draft.", &["Russian Federation=RUS"]),
    ("Troops from the Republic of Korea arrived.", &["Republic of Korea=KOR"]),
    ("The People's Republic of China responded.", &["People's Republic of China=CHN"]),
    ("Côte d'Ivoire and Ivory Coast are the same country.", &["Côte d'Ivoire=CIV", "Ivory Coast=CIV"]),
    ("Burma, now Myanmar, held elections.", &["Burma=MMR", "Myanmar=MMR"]),
    ("Türkiye, also called Turkey, joined the talks.", &["Türkiye=TUR", "Turkey=TUR"]),
    ("The Soviet Union and Yugoslavia split in 1948.", &["Soviet Union=SUN", "Yugoslavia=YUG"]),
    ("The USSR collapsed in 1991.", &["USSR=SUN"]),
    ("East Germany merged with West Germany.", &["East Germany=DDR"]),
    ("Czechoslovakia split peacefully.", &["Czechoslovakia=CSK"]),
    ("Viet Nam and Vietnam are spelled both ways.", &["Viet Nam=VNM", "Vietnam=VNM"]),
    ("Sao Tome and Principe and Guinea-Bissau signed.", &["Sao Tome and Principe=STP", "Guinea-Bissau=GNB"]),
    ("Papua New Guinea and Guinea are far apart.", &["Papua New Guinea=PNG", "Guinea=GIN"]),
    ("Equatorial Guinea and Guinea signed an accord.", &["Equatorial Guinea=GNQ", "Guinea=GIN"]),
    // Demonyms and adjectives.
    ("Brazilian farmers protested.", &["Brazilian farmers~BRA"]),
    ("The Japanese economy grew.", &["Japanese=JPN"]),
    ("Equatorial Guinean officials arrived.", &["Equatorial Guinean officials=GNQGOV"]),
    ("A Guinean delegation arrived.", &["Guinean delegation=GINGOV"]),
    ("Filipino workers returned home.", &["Filipino workers=PHLLAB"]),
    ("The Emirati minister spoke.", &["Emirati minister=AREGOV"]),
    ("Several Saudi diplomats left.", &["Saudi diplomats=SAUGOV"]),
    ("North Korean soldiers crossed the line.", &["North Korean soldiers=PRKMIL"]),
    ("South Korean police detained him.", &["South Korean police=KORCOP"]),
    ("Israeli troops withdrew.", &["Israeli troops=ISRMIL"]),
    ("Ukrainian forces advanced.", &["Ukrainian forces=UKRMIL"]),
    ("Nigerien and Nigerian officials met.", &["Nigerien=NERGOV", "Nigerian officials=NGAGOV"]),
    ("Senior Hungarian and Romanian officials agreed.", &["Hungarian=HUNGOV", "Romanian officials=ROUGOV"]),
    ("Israeli troops and Russian warplanes struck.", &["Israeli troops=ISRMIL", "Russian warplanes=RUSMIL"]),
    ("Liberian riot police dispersed them.", &["Liberian riot police=LBRCOP"]),
    ("Two Israelis were killed.", &["Israelis=ISRCVL"]),
    ("King Hassan of Morocco said so.", &["King Hassan of Morocco=MARGOV"]),
    ("Blockades were imposed in the West Bank.", &["West Bank=PSE"]),
    ("A human rights group protested.", &["human rights group=NGOHRI"]),
    ("The Taliban attacked the European Community office.", &["Taliban=AFGREB", "European Community=IGOEUREEC"]),
    ("Cubans celebrated in the streets.", &["Cubans=CUBCVL"]),
    // People named by sex or age after a state or a place are its civilians; with neither they are nobody.
    ("A Denver woman sued the county.", &["Denver woman=USACVL"]),
    ("Two Peruvian men were detained at the border.", &["Peruvian men=PERCVL"]),
    ("A Mombasa teenager was shot by police.", &["Mombasa teenager=KENCVL"]),
    ("The man said he was innocent.", &["!man"]),
    // After "the", such a description is the person the document named last.
    (
        "Rights activist Jane Roe was arrested. The 52-year-old Peruvian man was freed.",
        &["The 52-year-old Peruvian man==activist Jane Roe", "!Peruvian man"],
    ),
    // Capitals and seats of government as metonyms: a capital that acts is its government (CAMEO GOV), one that
    // is visited or named after a preposition is a place.
    ("Washington and Beijing traded accusations.", &["Washington=USAGOV", "Beijing=CHNGOV"]),
    ("Moscow warned Kyiv.", &["Moscow=RUSGOV", "Kyiv=UKR"]),
    ("The Kremlin denied the report.", &["The Kremlin~RUS"]),
    ("The White House said it would respond.", &["The White House~USA"]),
    ("Tehran and Riyadh restored ties.", &["Tehran=IRNGOV", "Riyadh=SAUGOV"]),
    ("Seoul urged Pyongyang to return to talks.", &["Seoul=KORGOV", "Pyongyang=PRK"]),
    ("Havana welcomed the decision.", &["Havana=CUBGOV"]),
    ("Ankara summoned the envoy from Athens.", &["Ankara=TURGOV", "Athens=GRC"]),
    ("New Delhi and Islamabad exchanged fire.", &["New Delhi=INDGOV", "Islamabad=PAKGOV"]),
    ("Addis Ababa hosted the African Union summit.", &["Addis Ababa=ETHGOV", "African Union=IGOAFRAFU"]),
    // Ambiguity.
    ("Korean companies invested abroad.", &["Korean companies=KORBUS"]),
    ("The DPRK said Korean workers would build it.", &["Korean workers=PRKLAB"]),
    ("Pyongyang said the Korean people would win.", &["Korean people~PRK"]),
    ("Georgia and Russia fought a war in 2008.", &["Georgia=GEO", "Russia=RUS"]),
    ("He studied at Georgia Tech before joining.", &["!Georgia"]),
    ("George Washington crossed the river.", &["!Washington"]),
    ("The actor Denzel Washington won an award.", &["!Washington"]),
    ("The Washington Post reported the story.", &["The Washington Post=USAMED", "!Washington"]),
    ("Michael Jordan retired from basketball.", &["!Jordan"]),
    ("Jordan closed its border with Syria.", &["Jordan=JOR", "Syria=SYR"]),
    ("Brazzaville said Congo would hold elections.", &["Brazzaville=COGGOV", "Congo=COG"]),
    ("Kinshasa said Congo would hold elections.", &["Kinshasa=CODGOV", "Congo=COD"]),
    ("Rebels in Congo attacked a village.", &["Rebels in Congo=CODREB"]),
    ("Congo said rebels attacked a village.", &["Congo=COD"]),
    ("Diplomats in Moscow met.", &["Moscow=RUS", "!Diplomats in Moscow"]),
    ("Troops in Afghanistan were attacked.", &["Afghanistan=AFG", "!Troops in Afghanistan"]),
    ("Offices in East Jerusalem and east Jerusalem closed.", &["East Jerusalem=PSE", "east Jerusalem=PSE"]),
    ("Bosnian Serbs demanded a truce.", &["Bosnian Serbs=BIHCVL"]),
    ("Villages near the border with Bulgaria, Macedonian officials said.", &["Bulgaria=BGR"]),
    ("Anti-American protesters marched.", &["!American"]),
    ("Argentine ex-president Carlos Menem appeared.", &["Argentine ex-president Carlos Menem~ARG"]),
    ("It will boycott the first multi-party elections.", &["!party"]),
    (
        "Vietnamese Planning and Investment Minister Tran Xuan Gia spoke.",
        &["Vietnamese Planning and Investment Minister Tran Xuan Gia=VNMGOV"],
    ),
    ("Croatian Serb refugees returned.", &["Croatian Serb refugees=HRVREF"]),
    ("Some 800,000 Iraqi Kurds fled.", &["Iraqi Kurds=IRQCVL"]),
    ("Turkish Kurds marched in Diyarbakir.", &["Turkish Kurds=TURCVL"]),
    ("Two American civilian advisors were killed.", &["American civilian advisors=USACVL"]),
    ("Peru's former ministers were charged.", &["Peru's former ministers=PERELI"]),
    ("Two French nationals were kidnapped.", &["French nationals=FRACVL"]),
    ("An armed group based in Mali seized the town.", &["armed group based in Mali=MLIUAF"]),
    ("Militant groups based in Pakistan denied it.", &["Militant groups based in Pakistan=PAKREB"]),
    ("Troops raided a Syrian village.", &["Syrian village=SYRCVL"]),
    ("Rockets hit Israeli homes near the border.", &["Israeli homes=ISRCVL"]),
    ("Sri Lanka said Tamil refugees had returned to Jaffna.", &["Tamil refugees=LKAREF"]),
    ("Tamil refugees marched in Chennai.", &["!Tamil refugees"]),
    ("Police in Tobago arrested two men.", &["Police in Tobago=TTOCOP"]),
    ("Separatists on Anjouan defied the government.", &["Anjouan=COM"]),
    ("Russia vowed to uphold Pyongyang's national security.", &["!Pyongyang's national"]),
    ("Students throughout Chile boycotted classes.", &["Students throughout Chile=CHLEDU"]),
    ("A Baptist missionary from Ohio was freed.", &["missionary from Ohio=USAREL"]),
    ("The Islamic Salvation Front called a general strike.", &["Islamic Salvation Front=DZAREB"]),
    ("The International Labour Office issued a report.", &["International Labour Office=IGOUNOLABILO"]),
    ("The Rwandan Patriotic Front took Kigali.", &["Rwandan Patriotic Front=RWAPTY"]),
    ("Serbian Labour Minister Dragan Milovanovic signed it.", &["Serbian Labour Minister Dragan Milovanovic=SRBGOV"]),
    ("Chad sent troops to Mali.", &["Chad=TCD", "Mali=MLI"]),
    ("The senator Chad Smith spoke.", &["!Chad"]),
    ("Officials in the North and the South met.", &["!the North", "!the South"]),
    ("North Korea fired a missile. The North said it was a test.", &["The North=PRK"]),
    ("South Korea said the South would respond.", &["the South=KOR"]),
    ("The US and us are different words.", &["US=USA", "!us"]),
    ("We told china makers in Turkey about it.", &["!china", "Turkey=TUR"]),
    (
        "Dominican Republic officials met Haitian officials.",
        &["Dominican Republic officials=DOMGOV", "Haitian officials=HTIGOV"],
    ),
    // Groups, regions and organisations.
    ("Arab countries condemned the move.", &["Arab countries=MEA", "Arab countries~MEA"]),
    ("African countries backed the resolution.", &["African countries=AFR", "African countries~AFR"]),
    ("Developing countries asked for debt relief.", &["Developing countries=DEV"]),
    ("Developing countries demanded debt relief.", &["Developing countries=DEV"]),
    ("Russia accused the West of hypocrisy.", &["the West=WST"]),
    ("The Gulf states and ASEAN held a forum.", &["Gulf states=PGS", "ASEAN=IGOSEAASN"]),
    ("NATO and the EU issued a joint statement.", &["NATO=IGOWSTNAT", "EU=IGOEUREEC"]),
    ("The IAEA inspected the site.", &["IAEA=IGOUNOIAE"]),
    ("The UN Security Council met on Friday.", &["UN Security Council=IGOUNO"]),
    ("OPEC cut output.", &["OPEC=IGOBUSOPC"]),
    (
        "The Shanghai Cooperation Organization met in Astana.",
        &["Shanghai Cooperation Organization=IGOCASSCO", "Astana=KAZ"],
    ),
    ("OCHA said a million people were displaced.", &["OCHA=IGOUNOHLH"]),
    ("The World Health Organization declared an emergency.", &["World Health Organization=IGOUNOHLHWHO"]),
    // Media and parties.
    ("Xinhua and TASS carried the statement.", &["Xinhua=CHNMED", "TASS=RUSMED"]),
    ("Yonhap quoted a Seoul official.", &["Yonhap=KORMED", "Seoul official=KORGOV"]),
    ("Reuters could not verify the claim.", &["Reuters=GBRMED"]),
    ("Rodong Sinmun published an editorial.", &["Rodong Sinmun=PRKMED"]),
    ("The Communist Party of China met in Beijing.", &["Communist Party of China=CHNPTY"]),
    ("The Workers' Party of Korea held a plenum.", &["Workers' Party of Korea=PRKPTY"]),
    ("Brazil's Workers' Party won the election.", &["Workers' Party~BRA"]),
    ("Al Jazeera interviewed the Qatari foreign minister.", &["Al Jazeera=QATMED", "Qatari foreign minister=QATGOV"]),
    // Roles and their own modifier: the ambassador's country is never the host's.
    ("The Japanese ambassador to China was summoned.", &["Japanese ambassador to China=JPNGOV"]),
    ("The German ambassador in Moscow met officials.", &["German ambassador in Moscow=DEUGOV"]),
    ("China's envoy to the UN spoke.", &["China's envoy to the UN=CHNGOV"]),
    ("The French embassy in Bamako closed.", &["French embassy in Bamako~FRA"]),
    ("Indian diplomats left Ottawa.", &["Indian diplomats=INDGOV", "Ottawa=CAN"]),
    ("A Chinese delegation arrived in Hanoi.", &["Chinese delegation=CHNGOV", "Hanoi=VNM"]),
    ("The Iranian military held drills.", &["Iranian military=IRNMIL"]),
    ("Colombian rebels freed hostages.", &["Colombian rebels=COLREB"]),
    ("British labour unions called a strike.", &["British labour unions=GBRLAB"]),
    ("The Syrian opposition boycotted the talks.", &["Syrian opposition=SYROPP"]),
    ("Russian state media reported the visit.", &["Russian state media=RUSMED"]),
    ("The Venezuelan government expelled them.", &["Venezuelan government=VENGOV"]),
    // People from titles and appositions.
    ("Chinese Foreign Minister Wang Yi met Antony Blinken.", &["Chinese Foreign Minister Wang Yi~CHN"]),
    ("French President Emmanuel Macron visited Algiers.", &["French President Emmanuel Macron=FRAGOV", "Algiers=DZA"]),
    ("Wang Yi, China's foreign minister, said the talks went well.", &["Wang Yi=CHNGOV"]),
    ("Olaf Scholz, the German chancellor, arrived in Paris.", &["Olaf Scholz=DEUGOV", "Paris=FRA"]),
    ("Mark Rutte, Secretary General of NATO, spoke.", &["Mark Rutte=IGOWSTNAT"]),
    ("Park Jin, South Korean foreign minister, left for Tokyo.", &["Park Jin=KORGOV", "Tokyo=JPN"]),
    ("Laura Gomez, Mexican ambassador to Canada, hosted a dinner.", &["Laura Gomez=MEXGOV"]),
    ("The talks were led by a Kenyan envoy, Peter Mwangi, in Nairobi.", &["Peter Mwangi=KENGOV"]),
    (
        "Egyptian President Abdel Fattah al-Sisi received the envoy.",
        &["Egyptian President Abdel Fattah al-Sisi=EGYGOV"],
    ),
    ("Turkish Defence Minister Yasar Guler met NATO officials.", &["Turkish Defence Minister Yasar Guler=TURGOV"]),
    ("Iranian Army commander Ali Rezaei inspected the troops.", &["Iranian Army commander Ali Rezaei~IRN"]),
    // Later mentions: surname, role only, pronoun.
    (
        "Indian Prime Minister Narendra Modi met Japanese Prime Minister Fumio Kishida. Modi said ties were strong.",
        &["Modi=INDGOV", "Modi==Indian Prime Minister Narendra Modi"],
    ),
    (
        "German Chancellor Olaf Scholz called Polish President Andrzej Duda. The chancellor said he was hopeful.",
        &["chancellor=DEUGOV", "he=DEUGOV"],
    ),
    (
        "Vietnamese Deputy Foreign Minister Le Hoai Trung met the Lao envoy. The deputy minister praised the ties.",
        &["deputy minister=VNMGOV", "deputy minister==Vietnamese Deputy Foreign Minister Le Hoai Trung"],
    ),
    (
        "Nguyen Van Minh, Vietnamese ambassador to Laos, opened an exhibition. The ambassador thanked Laos.",
        &["ambassador=VNMGOV", "Nguyen Van Minh==ambassador", "Laos=LAO"],
    ),
    (
        "Kenyan President William Ruto visited Kampala. He met Ugandan President Yoweri Museveni. Ruto left on Friday.",
        &[
            "He=KENGOV",
            "Ruto=KENGOV",
            "Ugandan President Yoweri Museveni~UGA",
            "Ruto!=Ugandan President Yoweri Museveni",
        ],
    ),
    (
        "Brazilian President Luiz Inacio Lula da Silva met Argentine President Javier Milei. Lula criticised the plan.",
        &["Lula=BRAGOV", "Lula==Brazilian President Luiz Inacio Lula da Silva"],
    ),
    (
        "South African Foreign Minister Naledi Pandor met Cuban Foreign Minister Bruno Rodriguez. Pandor thanked Havana.",
        &["Pandor=ZAFGOV", "Havana=CUB"],
    ),
    // Romanisation and long names.
    (
        "Choe Ryong-hae, North Korea's first vice president, met guests. Choe Ryong Hae later left.",
        &["Choe Ryong-hae==Choe Ryong Hae", "Choe Ryong Hae=PRKGOV"],
    ),
    (
        "Mexican Ambassador Maria Fernanda Garcia Lopez arrived. Fernanda Garcia said she was pleased.",
        &["Fernanda Garcia==Mexican Ambassador Maria Fernanda Garcia Lopez", "Fernanda Garcia=MEXGOV"],
    ),
    (
        "Colombian President Gustavo Petro met José Raúl Mulino, Panama's president. Jose Raul Mulino thanked him.",
        &["Jose Raul Mulino==José Raúl Mulino", "Jose Raul Mulino=PANGOV"],
    ),
    // Headlines and ordinary capitalised words are not people.
    ("China's Leader Vows Stronger Ties With Africa", &["!Vows Stronger Ties With Africa", "Africa=AFR"]),
    ("Ukraine's President Pledges New Aid for Frontline Towns", &["!Pledges New Aid", "Ukraine's President~UKR"]),
    // "[possessive] [country adjective] counterpart [Name]": the name is an official of the adjective's country.
    (
        "The talks were held between Japanese Vice Foreign Minister Taro Yamada and his Chilean counterpart Pedro Soto.",
        &["Chilean counterpart Pedro Soto=CHLGOV", "Japanese Vice Foreign Minister Taro Yamada=JPNGOV", "!his"],
    ),
    (
        "French Foreign Minister Jean Dupont met his German counterpart Hans Weber in Paris.",
        &["German counterpart Hans Weber~DEU", "German counterpart Hans Weber!=French Foreign Minister Jean Dupont"],
    ),
    ("The Kenyan president called her Ugandan counterpart Mary Okello.", &["Ugandan counterpart Mary Okello=UGAGOV"]),
    // A possessive that is not part of a counterpart phrase still resolves.
    ("Argentine Foreign Minister Ana Flores said her country would vote yes.", &["her~ARG"]),
    (
        "Japanese Prime Minister Taro Yamada told his Indian counterparts that trade would grow.",
        &["Indian counterparts=INDGOV", "Japanese Prime Minister Taro Yamada=JPNGOV", "!his"],
    ),
    // Places (data/places.tsv): a city or region carries its state but is no actor by itself.
    ("Heavy fighting was reported in Aleppo on Sunday.", &["Aleppo~SYR"]),
    ("Shelling resumed near Donetsk and in Crimea.", &["Donetsk~UKR", "Crimea~UKR"]),
    ("Mumbai police arrested three men.", &["Mumbai police=INDCOP", "!Mumbai"]),
    ("Aid reached camps in Darfur and Kordofan.", &["Darfur~SDN", "Kordofan~SDN"]),
    ("Storms hit Atlanta and much of Georgia overnight.", &["Atlanta~USA", "Georgia~USA"]),
    ("Georgia and Armenia signed a border accord.", &["Georgia=GEO"]),
    ("Nice to meet you, the envoy told reporters.", &["!Nice"]),
    ("Crowds gathered in Nice after the French attack.", &["Nice~FRA"]),
    ("Militias clashed in Tripoli, the Libyan capital.", &["Tripoli=LBY"]),
    ("Gunfire echoed in Tripoli in northern Lebanon.", &["Tripoli~LBN"]),
    ("Floods swept Hyderabad, the Indian city.", &["Hyderabad~IND"]),
    ("Riots broke out in Hyderabad in Sindh, Pakistan.", &["Hyderabad~PAK", "Sindh~PAK"]),
    ("Talks in Geneva and Doha ended without a deal.", &["Geneva~CHE", "Doha=QAT"]),
    ("Protests spread from Xinjiang to Tibet.", &["Xinjiang~CHN", "Tibet~CHN"]),
    ("Sydney Poitier starred in the film.", &["!Sydney"]),
    // Leaders (data/leaders.tsv): named heads of state and government resolve without a title.
    ("Putin and Erdogan spoke by phone.", &["Putin=RUSGOV", "Erdogan=TURGOV"]),
    ("Russian President Vladimir Putin arrived.", &["Russian President Vladimir Putin=RUSGOV", "!Russian"]),
    ("Reggie Bush scored twice on Sunday.", &["!Bush"]),
    // A speech verb makes the full name a person of its own (data/person_cues.tsv), never the listed leader.
    ("Hunter Biden testified before the committee.", &["!Biden", "Hunter Biden=---"]),
    ("Kim Jong Un inspected a factory, and Kim praised the workers.", &["Kim==Kim Jong Un", "Kim=PRKGOV"]),
    ("TANF benefits were cut in the state.", &["!TANF"]),
    // Common wire misspellings of country names, and ethnic groups with one home country (country_extra.tsv).
    ("Ethopia closed its embassy and the Phillipines protested.", &["Ethopia=ETH", "Phillipines=PHL"]),
    ("Yoruba leaders met Hausa elders in the capital.", &["Yoruba leaders~NGA"]),
    ("Chechen rebels attacked a convoy.", &["Chechen rebels~RUS"]),
    ("Shona villagers fled the fighting.", &["Shona villagers~ZWE"]),
    ("In Mozambique, Shona rebels attacked a convoy.", &["Shona rebels~MOZ"]),
    ("Croat forces shelled the town.", &["Croat forces~HRV"]),
    ("Kurdish leaders met in Erbil.", &["!Yoruba", "!Chechen"]),
];

#[test]
fn table_of_sentences() {
    assert!(ROWS.len() >= 100, "{} rows", ROWS.len());
    let failures = rules::failures(ROWS);
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

/// Dated leaders: a surname shared by two office holders is the one in office on the document's date.
#[test]
fn leaders_follow_the_document_date() {
    let on = |text: &str, y: i32| {
        let ms = Registry::new().resolve_text(text, chrono::NaiveDate::from_ymd_opt(y, 6, 1));
        ms.iter()
            .find(|m| m.text.ends_with("Bush") || m.text.ends_with("Assad"))
            .map(|m| (m.actor.clone(), m.code.clone()))
    };
    let bush = "President Bush met the delegation.";
    assert_eq!(on(bush, 1990), Some(("leader:george-h-w-bush".into(), "USAGOV".into())));
    assert_eq!(on(bush, 2003), Some(("leader:george-w-bush".into(), "USAGOV".into())));
    assert_eq!(on("Assad addressed parliament.", 1995).map(|x| x.0), Some("leader:hafez-al-assad".into()));
    assert_eq!(on("Assad addressed parliament.", 2012).map(|x| x.0), Some("leader:bashar-al-assad".into()));
    // Out of office, a former leader is of their country's elite (ELI), and a bare surname needs that country in
    // the text.
    assert_eq!(on("The U.S. envoy said Bush would attend.", 2015).map(|x| x.1), Some("USAELI".into()));
    assert_eq!(on("Bush met the delegation.", 2015), None);
    // A title names the office whatever the date: the text reports the person in that office.
    assert_eq!(on(bush, 2015).map(|x| x.1), Some("USAGOV".into()));
    // "former" gives the elite sector, in office or not.
    assert_eq!(on("Former President Bush met the delegation.", 2015).map(|x| x.1), Some("USAELI".into()));
    // A later surname of the same document is the same person.
    let ms = Registry::new().resolve_text(
        "Omar al-Bashir flew to Cairo. Bashir met officials there.",
        chrono::NaiveDate::from_ymd_opt(2005, 1, 1),
    );
    let ids: Vec<&str> = ms.iter().filter(|m| m.text.contains("Bashir")).map(|m| m.actor.as_str()).collect();
    assert_eq!(ids, vec!["leader:omar-al-bashir", "leader:omar-al-bashir"]);
}

/// A place mention is of kind `place`, carries its state, and serialises as such.
#[test]
fn places_are_places_not_states() {
    let ms = dyad_actors::resolve("Troops shelled positions near Aleppo.", None);
    let m = ms.iter().find(|m| m.text == "Aleppo").expect("Aleppo found");
    assert_eq!(m.kind, dyad_actors::ActorKind::Place);
    assert_eq!((m.country.as_deref(), m.code.as_str()), (Some("SYR"), "SYR"));
    assert!(serde_json::to_string(m).unwrap().contains("\"kind\":\"place\""));
}

#[test]
fn stateless_resolve_and_spans() {
    let text = "Talks in Hanoi: Vietnamese Foreign Minister Bui Thanh Son met the Thai envoy.";
    let ms = dyad_actors::resolve(text, None);
    for m in &ms {
        assert_eq!(m.span.slice(text), Some(m.text.as_str()));
    }
    assert!(ms.iter().any(|m| m.text.ends_with("Bui Thanh Son") && m.code == "VNMGOV"));
    assert!(ms.iter().any(|m| m.text == "Thai envoy" && m.code == "THAGOV"));
    // The adjective inside a role phrase is not a separate country mention.
    assert!(!ms.iter().any(|m| m.text == "Vietnamese" || m.text == "Thai"));
}

#[test]
fn every_mention_has_an_actor_record() {
    let mut reg = Registry::new();
    let text = "SCO foreign ministers met. Cuban diplomats and Kenyan President William Ruto attended, as did the UN.";
    let ms = reg.resolve_text(text, None);
    assert!(ms.len() >= 4, "{ms:?}");
    for m in &ms {
        let actor = reg.actor(&m.actor, None).unwrap_or_else(|| panic!("no record for {}", m.actor));
        assert!(!actor.id.is_empty());
    }
}

#[test]
fn registry_round_trips_through_serde() {
    let mut reg = Registry::new();
    reg.resolve_text("Chilean Foreign Minister Alberto van Klaveren met guests.", None);
    let json = serde_json::to_string(&reg).unwrap();
    let mut back: Registry = serde_json::from_str(&json).unwrap();
    assert_eq!(back.people().len(), 1);
    let ms = back.resolve_text("Alberto van Klaveren, the minister, returned to Santiago.", None);
    let m = ms.iter().find(|m| m.text == "Alberto van Klaveren").expect("known person");
    assert_eq!(m.code, "CHLGOV");
    assert_eq!(m.actor, back.people()[0].id);
}

/// Dated office holders, titles without a country, former holders and bodies (tests/data/office_table.tsv): each
/// row's mention must carry its code on the row's date.
#[test]
fn office_holders_and_bodies_on_their_dates() {
    let rows = include_str!("data/office_table.tsv");
    let mut failures = Vec::new();
    let mut n = 0;
    for (i, line) in rows.lines().enumerate().filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#')) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [text, date, actor, code] = cols[..] else { panic!("office_table.tsv:{}: 4 columns", i + 1) };
        let date = date.parse().unwrap_or_else(|_| panic!("office_table.tsv:{}: bad date", i + 1));
        n += 1;
        let mentions = Registry::new().resolve_text(text, Some(date));
        if !mentions.iter().any(|m| m.text == actor && m.code == code) {
            let got: Vec<String> = mentions.iter().map(|m| format!("{}={}", m.text, m.code)).collect();
            failures.push(format!("{}: {actor}={code}: got {got:?}", i + 1));
        }
    }
    assert!(n >= 150, "{n} rows");
    assert!(failures.is_empty(), "{} of {n} failed:\n{}", failures.len(), failures.join("\n"));
}
