// How vendor scanner software names an image set (NAME_white.png, NAME_ir.png, NAME_uv.png): one
// rule for the hot folder and for learning a reference class from capture files, kept in the contract.
export { groupImageSets, parseImageSetName, type GroupedName } from '../../electron/contract/capture-file-names';
