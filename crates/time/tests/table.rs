//! Table tests: sentences written for these tests (none copied from the seed pages), each with an anchor and the
//! value and precision its first date expression must get. The tense comes from each sentence's own verbs.

mod cases {
    // Generated table cases: (sentence, anchor, expected value of the first date expression, precision).
    pub const CASES: &[(&str, &str, &str, &str)] = &[
        ("Protests erupted over the weekend.", "2022-11-07", "2022-11-05/2022-11-06", "week"),
        ("Leaders will meet this weekend in Rome.", "2022-11-07", "2022-11-12/2022-11-13", "week"),
        ("Crowds gathered this weekend.", "2023-07-01", "2023-07-01/2023-07-02", "week"),
        ("Boxy cars of the 70s and 80s vanished.", "2019-03-14", "197X", "decade"),
        ("The fund was set up in 2004, and the law passed in the 2010s.", "2019-03-14", "2004", "year"),
        ("The envoy met the president on Monday.", "2019-03-14", "2019-03-11", "day"),
        ("The minister will travel to Beijing on Monday.", "2019-03-14", "2019-03-18", "day"),
        ("Protesters gathered in the capital Tuesday.", "2019-03-14", "2019-03-12", "day"),
        ("Leaders are expected to sign the accord Tuesday.", "2019-03-14", "2019-03-19", "day"),
        ("The ministry said on Wednesday that talks had failed.", "2019-03-14", "2019-03-13", "day"),
        ("The council plans to vote on Wednesday.", "2019-03-14", "2019-03-20", "day"),
        ("Troops withdrew from the border town Thursday morning.", "2019-03-14", "2019-03-14", "day"),
        ("The summit is scheduled to open Thursday.", "2019-03-14", "2019-03-14", "day"),
        ("The envoy met the president on Friday.", "2019-03-14", "2019-03-08", "day"),
        ("The minister will travel to Beijing on Friday.", "2019-03-14", "2019-03-15", "day"),
        ("Protesters gathered in the capital Saturday.", "2019-03-14", "2019-03-09", "day"),
        ("Leaders are expected to sign the accord Saturday.", "2019-03-14", "2019-03-16", "day"),
        ("The ministry said on Sunday that talks had failed.", "2019-03-14", "2019-03-10", "day"),
        ("The council plans to vote on Sunday.", "2019-03-14", "2019-03-17", "day"),
        ("Rebels attacked the convoy last Monday.", "2019-03-14", "2019-03-11", "day"),
        ("Delegates will meet again next Tuesday.", "2019-03-14", "2019-03-19", "day"),
        ("Rebels attacked the convoy last Wednesday.", "2019-03-14", "2019-03-13", "day"),
        ("Delegates will meet again next Thursday.", "2019-03-14", "2019-03-21", "day"),
        ("Rebels attacked the convoy last Friday.", "2019-03-14", "2019-03-08", "day"),
        ("Delegates will meet again next Saturday.", "2019-03-14", "2019-03-16", "day"),
        ("The envoy met the president on Monday.", "2022-11-07", "2022-11-07", "day"),
        ("The minister will travel to Beijing on Monday.", "2022-11-07", "2022-11-07", "day"),
        ("Protesters gathered in the capital Tuesday.", "2022-11-07", "2022-11-01", "day"),
        ("Leaders are expected to sign the accord Tuesday.", "2022-11-07", "2022-11-08", "day"),
        ("The ministry said on Wednesday that talks had failed.", "2022-11-07", "2022-11-02", "day"),
        ("The council plans to vote on Wednesday.", "2022-11-07", "2022-11-09", "day"),
        ("Troops withdrew from the border town Thursday morning.", "2022-11-07", "2022-11-03", "day"),
        ("The summit is scheduled to open Thursday.", "2022-11-07", "2022-11-10", "day"),
        ("The envoy met the president on Friday.", "2022-11-07", "2022-11-04", "day"),
        ("The minister will travel to Beijing on Friday.", "2022-11-07", "2022-11-11", "day"),
        ("Protesters gathered in the capital Saturday.", "2022-11-07", "2022-11-05", "day"),
        ("Leaders are expected to sign the accord Saturday.", "2022-11-07", "2022-11-12", "day"),
        ("The ministry said on Sunday that talks had failed.", "2022-11-07", "2022-11-06", "day"),
        ("The council plans to vote on Sunday.", "2022-11-07", "2022-11-13", "day"),
        ("Rebels attacked the convoy last Monday.", "2022-11-07", "2022-10-31", "day"),
        ("Delegates will meet again next Tuesday.", "2022-11-07", "2022-11-08", "day"),
        ("Rebels attacked the convoy last Wednesday.", "2022-11-07", "2022-11-02", "day"),
        ("Delegates will meet again next Thursday.", "2022-11-07", "2022-11-10", "day"),
        ("Rebels attacked the convoy last Friday.", "2022-11-07", "2022-11-04", "day"),
        ("Delegates will meet again next Saturday.", "2022-11-07", "2022-11-12", "day"),
        ("The envoy met the president on Monday.", "2016-01-03", "2015-12-28", "day"),
        ("The minister will travel to Beijing on Monday.", "2016-01-03", "2016-01-04", "day"),
        ("Protesters gathered in the capital Tuesday.", "2016-01-03", "2015-12-29", "day"),
        ("Leaders are expected to sign the accord Tuesday.", "2016-01-03", "2016-01-05", "day"),
        ("The ministry said on Wednesday that talks had failed.", "2016-01-03", "2015-12-30", "day"),
        ("The council plans to vote on Wednesday.", "2016-01-03", "2016-01-06", "day"),
        ("Troops withdrew from the border town Thursday morning.", "2016-01-03", "2015-12-31", "day"),
        ("The summit is scheduled to open Thursday.", "2016-01-03", "2016-01-07", "day"),
        ("The envoy met the president on Friday.", "2016-01-03", "2016-01-01", "day"),
        ("The minister will travel to Beijing on Friday.", "2016-01-03", "2016-01-08", "day"),
        ("Protesters gathered in the capital Saturday.", "2016-01-03", "2016-01-02", "day"),
        ("Leaders are expected to sign the accord Saturday.", "2016-01-03", "2016-01-09", "day"),
        ("The ministry said on Sunday that talks had failed.", "2016-01-03", "2016-01-03", "day"),
        ("The council plans to vote on Sunday.", "2016-01-03", "2016-01-03", "day"),
        ("Rebels attacked the convoy last Monday.", "2016-01-03", "2015-12-28", "day"),
        ("Delegates will meet again next Tuesday.", "2016-01-03", "2016-01-05", "day"),
        ("Rebels attacked the convoy last Wednesday.", "2016-01-03", "2015-12-30", "day"),
        ("Delegates will meet again next Thursday.", "2016-01-03", "2016-01-07", "day"),
        ("Rebels attacked the convoy last Friday.", "2016-01-03", "2016-01-01", "day"),
        ("Delegates will meet again next Saturday.", "2016-01-03", "2016-01-09", "day"),
        ("The envoy met the president on Monday.", "2023-06-30", "2023-06-26", "day"),
        ("The minister will travel to Beijing on Monday.", "2023-06-30", "2023-07-03", "day"),
        ("Protesters gathered in the capital Tuesday.", "2023-06-30", "2023-06-27", "day"),
        ("Leaders are expected to sign the accord Tuesday.", "2023-06-30", "2023-07-04", "day"),
        ("The ministry said on Wednesday that talks had failed.", "2023-06-30", "2023-06-28", "day"),
        ("The council plans to vote on Wednesday.", "2023-06-30", "2023-07-05", "day"),
        ("Troops withdrew from the border town Thursday morning.", "2023-06-30", "2023-06-29", "day"),
        ("The summit is scheduled to open Thursday.", "2023-06-30", "2023-07-06", "day"),
        ("The envoy met the president on Friday.", "2023-06-30", "2023-06-30", "day"),
        ("The minister will travel to Beijing on Friday.", "2023-06-30", "2023-06-30", "day"),
        ("Protesters gathered in the capital Saturday.", "2023-06-30", "2023-06-24", "day"),
        ("Leaders are expected to sign the accord Saturday.", "2023-06-30", "2023-07-01", "day"),
        ("The ministry said on Sunday that talks had failed.", "2023-06-30", "2023-06-25", "day"),
        ("The council plans to vote on Sunday.", "2023-06-30", "2023-07-02", "day"),
        ("Rebels attacked the convoy last Monday.", "2023-06-30", "2023-06-26", "day"),
        ("Delegates will meet again next Tuesday.", "2023-06-30", "2023-07-04", "day"),
        ("Rebels attacked the convoy last Wednesday.", "2023-06-30", "2023-06-28", "day"),
        ("Delegates will meet again next Thursday.", "2023-06-30", "2023-07-06", "day"),
        ("Rebels attacked the convoy last Friday.", "2023-06-30", "2023-06-23", "day"),
        ("Delegates will meet again next Saturday.", "2023-06-30", "2023-07-01", "day"),
        ("The envoy met the president on Monday.", "2010-12-29", "2010-12-27", "day"),
        ("The minister will travel to Beijing on Monday.", "2010-12-29", "2011-01-03", "day"),
        ("Protesters gathered in the capital Tuesday.", "2010-12-29", "2010-12-28", "day"),
        ("Leaders are expected to sign the accord Tuesday.", "2010-12-29", "2011-01-04", "day"),
        ("The ministry said on Wednesday that talks had failed.", "2010-12-29", "2010-12-29", "day"),
        ("The council plans to vote on Wednesday.", "2010-12-29", "2010-12-29", "day"),
        ("Troops withdrew from the border town Thursday morning.", "2010-12-29", "2010-12-23", "day"),
        ("The summit is scheduled to open Thursday.", "2010-12-29", "2010-12-30", "day"),
        ("The envoy met the president on Friday.", "2010-12-29", "2010-12-24", "day"),
        ("The minister will travel to Beijing on Friday.", "2010-12-29", "2010-12-31", "day"),
        ("Protesters gathered in the capital Saturday.", "2010-12-29", "2010-12-25", "day"),
        ("Leaders are expected to sign the accord Saturday.", "2010-12-29", "2011-01-01", "day"),
        ("The ministry said on Sunday that talks had failed.", "2010-12-29", "2010-12-26", "day"),
        ("The council plans to vote on Sunday.", "2010-12-29", "2011-01-02", "day"),
        ("Rebels attacked the convoy last Monday.", "2010-12-29", "2010-12-27", "day"),
        ("Delegates will meet again next Tuesday.", "2010-12-29", "2011-01-04", "day"),
        ("Rebels attacked the convoy last Wednesday.", "2010-12-29", "2010-12-22", "day"),
        ("Delegates will meet again next Thursday.", "2010-12-29", "2010-12-30", "day"),
        ("Rebels attacked the convoy last Friday.", "2010-12-29", "2010-12-24", "day"),
        ("Delegates will meet again next Saturday.", "2010-12-29", "2011-01-01", "day"),
        ("The president resigned yesterday.", "2019-03-14", "2019-03-13", "day"),
        ("Voting begins tomorrow in three provinces.", "2019-03-14", "2019-03-15", "day"),
        ("The embassy reopened today after a week.", "2019-03-14", "2019-03-14", "day"),
        ("The two sides held talks two days ago.", "2019-03-14", "2019-03-12", "day"),
        ("Inspectors visited the site a week ago.", "2019-03-14", "2019-03-07", "day"),
        ("The treaty was signed ten years ago.", "2019-03-14", "2009", "year"),
        ("The regime collapsed sixty years ago.", "2019-03-14", "1959", "year"),
        ("Relations were cut three months ago.", "2019-03-14", "2018-12", "month"),
        ("Kim sent messages last month.", "2019-03-14", "2019-02", "month"),
        ("Exports will rise next month.", "2019-03-14", "2019-04", "month"),
        ("The army expanded its operations this month.", "2019-03-14", "2019-03", "month"),
        ("Elections were held last year.", "2019-03-14", "2018", "year"),
        ("The talks will resume next year.", "2019-03-14", "2020", "year"),
        ("Trade grew this year.", "2019-03-14", "2019", "year"),
        ("Earlier this year, the rebels seized the port.", "2019-03-14", "2019", "year"),
        ("The envoy will return later this month.", "2019-03-14", "2019-03", "month"),
        ("Officials met last week in Geneva.", "2019-03-14", "2019-W10", "week"),
        ("Officials will meet next week in Geneva.", "2019-03-14", "2019-W12", "week"),
        ("The envoy met the president this week.", "2019-03-14", "2019-03-11/2019-03-14", "week"),
        ("The envoy will meet the president this week.", "2019-03-14", "2019-03-14/2019-03-17", "week"),
        ("The agency reported the find recently.", "2019-03-14", "2019-03", "month"),
        ("Fighting has intensified in recent weeks.", "2019-03-14", "2019-02-14/2019-03-14", "week"),
        ("More troops will arrive in the coming weeks.", "2019-03-14", "2019-03-14/2019-04-11", "week"),
        ("The president resigned yesterday.", "2022-11-07", "2022-11-06", "day"),
        ("Voting begins tomorrow in three provinces.", "2022-11-07", "2022-11-08", "day"),
        ("The embassy reopened today after a week.", "2022-11-07", "2022-11-07", "day"),
        ("The two sides held talks two days ago.", "2022-11-07", "2022-11-05", "day"),
        ("Inspectors visited the site a week ago.", "2022-11-07", "2022-10-31", "day"),
        ("The treaty was signed ten years ago.", "2022-11-07", "2012", "year"),
        ("The regime collapsed sixty years ago.", "2022-11-07", "1962", "year"),
        ("Relations were cut three months ago.", "2022-11-07", "2022-08", "month"),
        ("Kim sent messages last month.", "2022-11-07", "2022-10", "month"),
        ("Exports will rise next month.", "2022-11-07", "2022-12", "month"),
        ("The army expanded its operations this month.", "2022-11-07", "2022-11", "month"),
        ("Elections were held last year.", "2022-11-07", "2021", "year"),
        ("The talks will resume next year.", "2022-11-07", "2023", "year"),
        ("Trade grew this year.", "2022-11-07", "2022", "year"),
        ("Earlier this year, the rebels seized the port.", "2022-11-07", "2022", "year"),
        ("The envoy will return later this month.", "2022-11-07", "2022-11", "month"),
        ("Officials met last week in Geneva.", "2022-11-07", "2022-W44", "week"),
        ("Officials will meet next week in Geneva.", "2022-11-07", "2022-W46", "week"),
        ("The envoy met the president this week.", "2022-11-07", "2022-11-07/2022-11-07", "week"),
        ("The envoy will meet the president this week.", "2022-11-07", "2022-11-07/2022-11-13", "week"),
        ("The agency reported the find recently.", "2022-11-07", "2022-10", "month"),
        ("Fighting has intensified in recent weeks.", "2022-11-07", "2022-10-10/2022-11-07", "week"),
        ("More troops will arrive in the coming weeks.", "2022-11-07", "2022-11-07/2022-12-05", "week"),
        ("The president resigned yesterday.", "2016-01-03", "2016-01-02", "day"),
        ("Voting begins tomorrow in three provinces.", "2016-01-03", "2016-01-04", "day"),
        ("The embassy reopened today after a week.", "2016-01-03", "2016-01-03", "day"),
        ("The two sides held talks two days ago.", "2016-01-03", "2016-01-01", "day"),
        ("Inspectors visited the site a week ago.", "2016-01-03", "2015-12-27", "day"),
        ("The treaty was signed ten years ago.", "2016-01-03", "2006", "year"),
        ("The regime collapsed sixty years ago.", "2016-01-03", "1956", "year"),
        ("Relations were cut three months ago.", "2016-01-03", "2015-10", "month"),
        ("Kim sent messages last month.", "2016-01-03", "2015-12", "month"),
        ("Exports will rise next month.", "2016-01-03", "2016-02", "month"),
        ("The army expanded its operations this month.", "2016-01-03", "2016-01", "month"),
        ("Elections were held last year.", "2016-01-03", "2015", "year"),
        ("The talks will resume next year.", "2016-01-03", "2017", "year"),
        ("Trade grew this year.", "2016-01-03", "2016", "year"),
        ("Earlier this year, the rebels seized the port.", "2016-01-03", "2016", "year"),
        ("The envoy will return later this month.", "2016-01-03", "2016-01", "month"),
        ("Officials met last week in Geneva.", "2016-01-03", "2015-W52", "week"),
        ("Officials will meet next week in Geneva.", "2016-01-03", "2016-W01", "week"),
        ("The envoy met the president this week.", "2016-01-03", "2015-12-28/2016-01-03", "week"),
        ("The envoy will meet the president this week.", "2016-01-03", "2016-01-03/2016-01-03", "week"),
        ("The agency reported the find recently.", "2016-01-03", "2015-12", "month"),
        ("Fighting has intensified in recent weeks.", "2016-01-03", "2015-12-06/2016-01-03", "week"),
        ("More troops will arrive in the coming weeks.", "2016-01-03", "2016-01-03/2016-01-31", "week"),
        ("The president resigned yesterday.", "2023-06-30", "2023-06-29", "day"),
        ("Voting begins tomorrow in three provinces.", "2023-06-30", "2023-07-01", "day"),
        ("The embassy reopened today after a week.", "2023-06-30", "2023-06-30", "day"),
        ("The two sides held talks two days ago.", "2023-06-30", "2023-06-28", "day"),
        ("Inspectors visited the site a week ago.", "2023-06-30", "2023-06-23", "day"),
        ("The treaty was signed ten years ago.", "2023-06-30", "2013", "year"),
        ("The regime collapsed sixty years ago.", "2023-06-30", "1963", "year"),
        ("Relations were cut three months ago.", "2023-06-30", "2023-03", "month"),
        ("Kim sent messages last month.", "2023-06-30", "2023-05", "month"),
        ("Exports will rise next month.", "2023-06-30", "2023-07", "month"),
        ("The army expanded its operations this month.", "2023-06-30", "2023-06", "month"),
        ("Elections were held last year.", "2023-06-30", "2022", "year"),
        ("The talks will resume next year.", "2023-06-30", "2024", "year"),
        ("Trade grew this year.", "2023-06-30", "2023", "year"),
        ("Earlier this year, the rebels seized the port.", "2023-06-30", "2023", "year"),
        ("The envoy will return later this month.", "2023-06-30", "2023-06", "month"),
        ("Officials met last week in Geneva.", "2023-06-30", "2023-W25", "week"),
        ("Officials will meet next week in Geneva.", "2023-06-30", "2023-W27", "week"),
        ("The envoy met the president this week.", "2023-06-30", "2023-06-26/2023-06-30", "week"),
        ("The envoy will meet the president this week.", "2023-06-30", "2023-06-30/2023-07-02", "week"),
        ("The agency reported the find recently.", "2023-06-30", "2023-06", "month"),
        ("Fighting has intensified in recent weeks.", "2023-06-30", "2023-06-02/2023-06-30", "week"),
        ("More troops will arrive in the coming weeks.", "2023-06-30", "2023-06-30/2023-07-28", "week"),
        ("The president resigned yesterday.", "2010-12-29", "2010-12-28", "day"),
        ("Voting begins tomorrow in three provinces.", "2010-12-29", "2010-12-30", "day"),
        ("The embassy reopened today after a week.", "2010-12-29", "2010-12-29", "day"),
        ("The two sides held talks two days ago.", "2010-12-29", "2010-12-27", "day"),
        ("Inspectors visited the site a week ago.", "2010-12-29", "2010-12-22", "day"),
        ("The treaty was signed ten years ago.", "2010-12-29", "2000", "year"),
        ("The regime collapsed sixty years ago.", "2010-12-29", "1950", "year"),
        ("Relations were cut three months ago.", "2010-12-29", "2010-09", "month"),
        ("Kim sent messages last month.", "2010-12-29", "2010-11", "month"),
        ("Exports will rise next month.", "2010-12-29", "2011-01", "month"),
        ("The army expanded its operations this month.", "2010-12-29", "2010-12", "month"),
        ("Elections were held last year.", "2010-12-29", "2009", "year"),
        ("The talks will resume next year.", "2010-12-29", "2011", "year"),
        ("Trade grew this year.", "2010-12-29", "2010", "year"),
        ("Earlier this year, the rebels seized the port.", "2010-12-29", "2010", "year"),
        ("The envoy will return later this month.", "2010-12-29", "2010-12", "month"),
        ("Officials met last week in Geneva.", "2010-12-29", "2010-W51", "week"),
        ("Officials will meet next week in Geneva.", "2010-12-29", "2011-W01", "week"),
        ("The envoy met the president this week.", "2010-12-29", "2010-12-27/2010-12-29", "week"),
        ("The envoy will meet the president this week.", "2010-12-29", "2010-12-29/2011-01-02", "week"),
        ("The agency reported the find recently.", "2010-12-29", "2010-12", "month"),
        ("Fighting has intensified in recent weeks.", "2010-12-29", "2010-12-01/2010-12-29", "week"),
        ("More troops will arrive in the coming weeks.", "2010-12-29", "2010-12-29/2011-01-26", "week"),
        ("The accord was signed on Nov. 5, 2018.", "2019-03-14", "2018-11-05", "day"),
        ("Diaz-Canel visited Pyongyang on 5 November 2018.", "2019-03-14", "2018-11-05", "day"),
        ("The filing is dated 2018-11-05.", "2019-03-14", "2018-11-05", "day"),
        ("He visited the DPRK in November 2018.", "2019-03-14", "2018-11", "month"),
        ("Relations were established in 1960.", "2019-03-14", "1960", "year"),
        ("Ties survived the turmoil of the 1990s.", "2019-03-14", "199X", "decade"),
        ("The plant will open in mid-2019.", "2019-03-14", "2019", "year"),
        ("The rebels surrendered on 12 March 1999.", "2019-03-14", "1999-03-12", "day"),
        ("The law took effect on January 1st, 2020.", "2019-03-14", "2020-01-01", "day"),
        ("The vote took place on Sept. 30, 2017.", "2019-03-14", "2017-09-30", "day"),
        ("Parliament was dissolved in the 1980s.", "2019-03-14", "198X", "decade"),
        ("The crisis of the '70s left scars.", "2019-03-14", "197X", "decade"),
        ("Budget cuts began in fiscal 2012.", "2019-03-14", "2012", "year"),
        ("The FY2015 budget was approved.", "2019-03-14", "2015", "year"),
        ("The war ended in May 1945.", "2019-03-14", "1945-05", "month"),
        ("In early 2009 the bank failed.", "2019-03-14", "2009", "year"),
        ("The letter was dated 7/4/1976.", "2019-03-14", "1976-07-04", "day"),
        ("They met on 14/7/2002 in Paris.", "2019-03-14", "2002-07-14", "day"),
        ("The ceasefire began on the 3rd of August 2014.", "2019-03-14", "2014-08-03", "day"),
        ("The pact was renewed in December of 2011.", "2019-03-14", "2011-12", "month"),
        ("Sales fell in the first quarter of 2009.", "2019-03-14", "2009-01-01/2009-03-31", "month"),
        ("The treaty lapsed in late 1991.", "2019-03-14", "1991", "year"),
        ("The coup happened on Tuesday, 02 January 2024, at dawn.", "2019-03-14", "2024-01-02", "day"),
        ("Growth slowed in the fourth quarter of 2005.", "2019-03-14", "2005-10-01/2005-12-31", "month"),
        ("A summit was held in Beijing in the summer of 2008.", "2019-03-14", "2008-06-01/2008-08-31", "month"),
        ("The strike lasted until March 2003.", "2019-03-14", "2003-03", "month"),
        ("The first reactor was built in 1954.", "2019-03-14", "1954", "year"),
        ("Since 2011 the war has killed thousands.", "2019-03-14", "2011", "year"),
        ("From 2014 to 2016 the price doubled.", "2019-03-14", "2014", "year"),
        ("The monarchy fell in the 1790s.", "2019-03-14", "179X", "decade"),
        ("The delegation arrived on April 28.", "2017-04-28", "2017-04-28", "day"),
        ("The ministers will meet on July 15.", "2025-07-13", "2025-07-15", "day"),
        ("The fighting started on December 28.", "2017-01-05", "2016-12-28", "day"),
        ("The assembly will convene on January 9.", "2016-12-20", "2017-01-09", "day"),
        ("Prices rose sharply in October.", "2020-02-10", "2019-10", "month"),
        ("The next round of talks will be held in October.", "2020-02-10", "2020-10", "month"),
        ("The rebels seized the town in early March.", "2021-05-02", "2021-03", "month"),
        ("Parliament approved the law last September.", "2009-10-12", "2009-09", "month"),
        ("The election will take place next April.", "2009-10-12", "2010-04", "month"),
        ("The fair opens on June 3 with great fanfare.", "2014-05-14", "2014-06-03", "day"),
        ("The protests began in January this year.", "2014-05-14", "2014-01", "month"),
        ("The deal was reached in March last year.", "2014-05-14", "2013-03", "month"),
        ("He was arrested on August 29 sixty years ago.", "2020-08-29", "1960-08-29", "day"),
        ("They married on May 5.", "2018-06-01", "2018-05-05", "day"),
        ("Talks may resume soon, diplomats said.", "2018-06-01", "2018-06-01/2018-07-01", "month"),
    ];
    /// Documents of several sentences: the last date expression of the last sentence is checked.
    pub const CHAINS: &[(&[&str], &str, &str, &str)] = &[
        (&["The talks opened on Monday.", "A day later the envoys left."], "2019-03-14", "2019-03-12", "day"),
        (&["The talks opened on Monday.", "The day before, riots broke out."], "2019-03-14", "2019-03-10", "day"),
        (
            &["The ministers met on Friday.", "Their deputies had met the previous day."],
            "2019-03-14",
            "2019-03-07",
            "day",
        ),
        (
            &["The deal was signed on 3 May 2011.", "The following day markets rallied."],
            "2019-03-14",
            "2011-05-04",
            "day",
        ),
        (
            &["The reply was delivered Tuesday and came a day after the first letter was sent."],
            "2021-04-21",
            "2021-04-19",
            "day",
        ),
        (&["A week earlier the army had shelled the city."], "2019-03-14", "2019-03-07", "day"),
        // With no date in the text, "X came N days after Y" in the past dates Y N days before the reported day, never
        // after it.
        (&["The ceasefire collapsed two days after the rebels signed it."], "2019-03-14", "2019-03-12", "day"),
        (&["Italy suspended flights a day after the jet crashed."], "2019-03-14", "2019-03-13", "day"),
        (&["Troops arrived on Sunday.", "Two days later they left."], "2016-01-03", "2016-01-05", "day"),
        (&["The coup took place in 1999.", "The following year elections were held."], "2019-03-14", "2000", "year"),
        (
            &["In November 2018 the president visited Pyongyang.", "The next month trade resumed."],
            "2020-08-29",
            "2018-12",
            "month",
        ),
        (
            &["Relations were established in 1960.", "The 60th anniversary of the ties was marked with a reception."],
            "2020-08-29",
            "2020",
            "year",
        ),
        (
            &["The state was founded in 1948 and celebrated its 75th anniversary with a parade."],
            "2023-06-30",
            "2023",
            "year",
        ),
    ];
    /// Sentences with no date at all (durations, ages, quantities, homographs).
    pub const NO_DATES: &[&str] = &[
        "The country has a history of nearly five decades.",
        "A 30-year-old man was arrested.",
        "He served for six years in prison.",
        "The fund pays $2,010 a year.",
        "About 2000 people attended the rally.",
        "The Russell 2000 index fell.",
        "You may march to the square.",
        "The Sun reported the story.",
        "Sales fell 2015 units short.",
        "The minister spoke about the monetary union.",
        // The day of "A day after Y, X ..." and of a future "a day after Y" is a day the text does not give.
        "A day after the vote, protesters gathered in the capital.",
        "The summit will open a day after the election.",
    ];
}

use chrono::NaiveDate;
use dyad_time::{Kind, TimeResolver, find};

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap_or_else(|e| panic!("bad anchor {s}: {e}"))
}

#[test]
fn at_least_two_hundred_cases() {
    assert!(cases::CASES.len() + cases::CHAINS.len() >= 200, "{}", cases::CASES.len());
}

#[test]
fn table() {
    let mut failures = Vec::new();
    for &(text, anchor, value, precision) in cases::CASES {
        let found = find(text, date(anchor));
        let first = found.iter().find(|e| e.is_date());
        match first {
            Some(e) => {
                let rec = e.record(text);
                let got_precision = rec.precision.map(|p| p.as_str()).unwrap_or("none");
                if rec.value != value || got_precision != precision {
                    failures.push(format!(
                        "{text:?} @ {anchor}: got {} {got_precision} ({}; {:?}), want {value} {precision}",
                        rec.value, rec.basis, rec.text
                    ));
                }
            }
            None => failures.push(format!("{text:?} @ {anchor}: no date found, want {value} {precision}")),
        }
    }
    assert!(failures.is_empty(), "{} of {} failed:\n{}", failures.len(), cases::CASES.len(), failures.join("\n"));
}

#[test]
fn chains() {
    let mut failures = Vec::new();
    for &(sentences, anchor, value, precision) in cases::CHAINS {
        let mut doc = TimeResolver::new(date(anchor));
        let mut last = None;
        for s in sentences {
            if let Some(e) = doc.resolve_sentence(s).into_iter().rfind(|e| e.is_date()) {
                last = Some(e.record(s));
            }
        }
        match last {
            Some(rec) if rec.value == value && rec.precision.map(|p| p.as_str()) == Some(precision) => {}
            other => failures.push(format!("{sentences:?} @ {anchor}: got {other:?}, want {value} {precision}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn non_dates_are_not_dates() {
    let anchor = date("2019-03-14");
    for text in cases::NO_DATES {
        let dates: Vec<String> =
            find(text, anchor).iter().filter(|e| e.is_date()).map(|e| e.record(text).text).collect();
        assert!(dates.is_empty(), "{text:?} gave dates {dates:?}");
    }
    let found = find("a 30-year-old who served nearly five decades", anchor);
    let kinds: Vec<Kind> = found.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [Kind::Age, Kind::Duration]);
}
