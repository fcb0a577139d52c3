/** The network vocabulary every part of vpclens speaks: addresses, CIDRs, the internet, protocols, ports, severities. */
export * from './ipAddress.ts'
export * from './parseCidr.ts'
export * from './internet.ts'
export * from './breadth.ts'
export * from './protocols.ts'
export * from './portText.ts'
export * from './portCatalog.ts'
export * from './exposureSeverity.ts'
