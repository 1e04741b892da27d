import type {pro} from 'ccxt';

/*
 * ccxt's own Kraken book checksum, switched on and counted, for the conformance tests
 * (test/conformance/ccxt.test.ts).
 */

type Kraken = InstanceType<typeof pro.kraken>;

/** What ccxt did with the book messages it was sent. */
export type BookChecks = {messages: number; checksums: number; mismatches: number};

/**
 * Switches on ccxt's own book checksum (off by default in 4.5.84, "temporarily disabled because
 * the exchange checksum was not reliable") and counts what it checks. As shipped, 4.5.84 cannot
 * run it: its formatNumber splits a number's text (`data.split('.')`) but is handed the number
 * its parser made of that text, and throws `data.split is not a function`. The one change here
 * hands formatNumber the text instead: the text a v2 book frame carries is the number at the
 * market's precision, trailing zeros kept (prices at the price precision, quantities at the amount
 * precision: AssetPairs' pair_decimals and lot_decimals), and ccxt asks for a level's price, then
 * its quantity, ten levels a side. ccxt's book keeping, its cut to the depth and its CRC32 run
 * as they are; a mismatch rejects the watch with its ChecksumError.
 */
export function checkBooks(exchange: Kraken): BookChecks {
	const checks: BookChecks = {messages: 0, checksums: 0, mismatches: 0};
	exchange.options['watchOrderBook'] = {...exchange.options['watchOrderBook'], checksum: true};
	const decimals = (precision: number | undefined) =>
		exchange.precisionFromString(exchange.numberToString(precision));
	let places = {price: 0, amount: 0};
	let numbersFormatted = 0;
	const handleOrderBook = exchange.handleOrderBook.bind(exchange);
	exchange.handleOrderBook = (client, message) => {
		const [entry] = message['data'] as Array<{symbol: string}>;
		const {precision} = exchange.market(entry?.symbol ?? '');
		places = {price: decimals(precision.price), amount: decimals(precision.amount)};
		numbersFormatted = 0;
		checks.messages++;
		handleOrderBook(client, message);
	};
	const formatNumber = exchange.formatNumber.bind(exchange);
	exchange.formatNumber = ((data: unknown) =>
		formatNumber(
			typeof data === 'number'
				? data.toFixed(numbersFormatted++ % 2 === 0 ? places.price : places.amount)
				: (data as string),
		)) as Kraken['formatNumber'];
	const crc32 = exchange.crc32;
	exchange.crc32 = ((...values: Parameters<typeof crc32>) => {
		checks.checksums++;
		return crc32(...values);
	}) as typeof crc32;
	const mismatchMessage = exchange.orderbookChecksumMessage.bind(exchange);
	exchange.orderbookChecksumMessage = (symbol) => {
		checks.mismatches++;
		return mismatchMessage(symbol);
	};
	return checks;
}
